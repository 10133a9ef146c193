package dev.loggardener.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic binary coder for {@link RawRecord}. */
public final class RawRecordCoder extends AtomicCoder<RawRecord> {
  private static final RawRecordCoder INSTANCE = new RawRecordCoder();
  private static final StringUtf8Coder STR = StringUtf8Coder.of();
  private static final MapCoder<String, String> ATTRIBUTES = MapCoder.of(STR, STR);

  public static RawRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawRecord r, OutputStream out) throws IOException {
    STR.encode(r.source(), out);
    VarLongCoder.of().encode(r.ordinal(), out);
    STR.encode(r.text() == null ? "" : r.text(), out);
    boolean failed = r.failureReason() != null;
    BooleanCoder.of().encode(failed, out);
    if (failed) {
      STR.encode(r.failureReason(), out);
    }
    STR.encode(r.messageId(), out);
    ATTRIBUTES.encode(r.attributes(), out);
  }

  @Override
  public RawRecord decode(InputStream in) throws IOException {
    String source = STR.decode(in);
    long ordinal = VarLongCoder.of().decode(in);
    String text = STR.decode(in);
    RawRecord r =
        BooleanCoder.of().decode(in)
            ? RawRecord.failed(source, ordinal, text, STR.decode(in))
            : RawRecord.of(source, ordinal, text);
    String messageId = STR.decode(in);
    Map<String, String> attributes = ATTRIBUTES.decode(in);
    return messageId.isEmpty() && attributes.isEmpty() ? r : r.withTransport(messageId, attributes);
  }

  @Override
  public void verifyDeterministic() {}
}
