package dev.loggardener.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic binary coder for {@link DeadLetter}. */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final StringUtf8Coder STR = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final MapCoder<String, String> ATTRIBUTES = MapCoder.of(STR, STR);

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  public static DeadLetterCoder create() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetter d, OutputStream out) throws IOException {
    STR.encode(d.source, out);
    LONG.encode(d.ordinal, out);
    STR.encode(d.stage, out);
    STR.encode(d.reason, out);
    STR.encode(d.errorClass, out);
    STR.encode(d.detail, out);
    STR.encode(d.raw, out);
    LONG.encode(d.rawLength, out);
    BooleanCoder.of().encode(d.rawTruncated, out);
    STR.encode(d.messageId, out);
    ATTRIBUTES.encode(d.attributes, out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    return new DeadLetter(
        STR.decode(in),
        LONG.decode(in),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in),
        LONG.decode(in),
        BooleanCoder.of().decode(in),
        STR.decode(in),
        ATTRIBUTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
