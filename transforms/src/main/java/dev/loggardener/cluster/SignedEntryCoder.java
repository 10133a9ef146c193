package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A compact, deterministic binary coder for {@link SignedEntry}: every entry crosses two shuffles
 * (deduplication and aggregation), so Java serialization would dominate the per-entry cost.
 */
public final class SignedEntryCoder extends AtomicCoder<SignedEntry> {
  private static final SignedEntryCoder INSTANCE = new SignedEntryCoder();
  private static final StringUtf8Coder STR = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static SignedEntryCoder of() {
    return INSTANCE;
  }

  public static SignedEntryCoder create() {
    return INSTANCE;
  }

  @Override
  public void encode(SignedEntry e, OutputStream out) throws IOException {
    STR.encode(e.service, out);
    STR.encode(e.resourceType, out);
    STR.encode(e.signatureId, out);
    STR.encode(e.signature, out);
    INT.encode(e.sigVersion, out);
    INT.encode(e.severity.number(), out);
    LONG.encode(e.timestamp.getEpochSecond(), out);
    INT.encode(e.timestamp.getNano(), out);
    STR.encode(e.sampleMessage, out);
    STR.encode(e.insertId, out);
    STR.encode(e.trace, out);
    STR.encode(e.revision, out);
    STR.encode(e.logName, out);
    STR.encode(e.instanceId, out);
  }

  @Override
  public SignedEntry decode(InputStream in) throws IOException {
    String service = STR.decode(in);
    String resourceType = STR.decode(in);
    String signatureId = STR.decode(in);
    String signature = STR.decode(in);
    int sigVersion = INT.decode(in);
    Severity severity = Severity.fromNumber(INT.decode(in));
    long seconds = LONG.decode(in);
    int nanos = INT.decode(in);
    return new SignedEntry(
        service,
        resourceType,
        signatureId,
        signature,
        sigVersion,
        severity,
        Instant.ofEpochSecond(seconds, nanos),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in),
        STR.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

}
