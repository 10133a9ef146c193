package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import dev.loggardener.model.BinaryFrame;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A compact, deterministic binary coder for {@link SignedEntry}: every entry crosses two shuffles
 * (deduplication and aggregation), so Java serialization would dominate the per-entry cost. The
 * fields travel as one {@link BinaryFrame}, written and read in bulk.
 */
public final class SignedEntryCoder extends AtomicCoder<SignedEntry> {
  private static final SignedEntryCoder INSTANCE = new SignedEntryCoder();

  public static SignedEntryCoder of() {
    return INSTANCE;
  }

  public static SignedEntryCoder create() {
    return INSTANCE;
  }

  @Override
  public void encode(SignedEntry e, OutputStream out) throws IOException {
    new BinaryFrame.Writer(192 + e.signature.length() + e.sampleMessage.length())
        .string(e.service)
        .string(e.resourceType)
        .string(e.signatureId)
        .string(e.signature)
        .varInt(e.sigVersion)
        .varInt(e.severity.number())
        .varLong(e.timestamp.getEpochSecond())
        .varInt(e.timestamp.getNano())
        .string(e.sampleMessage)
        .string(e.insertId)
        .string(e.trace)
        .string(e.revision)
        .string(e.logName)
        .string(e.instanceId)
        .writeTo(out);
  }

  @Override
  public SignedEntry decode(InputStream in) throws IOException {
    BinaryFrame.Reader r = BinaryFrame.Reader.readFrom(in);
    String service = r.string();
    String resourceType = r.string();
    String signatureId = r.string();
    String signature = r.string();
    int sigVersion = r.varInt();
    Severity severity = Severity.fromNumber(r.varInt());
    long seconds = r.varLong();
    int nanos = r.varInt();
    return new SignedEntry(
        service,
        resourceType,
        signatureId,
        signature,
        sigVersion,
        severity,
        Instant.ofEpochSecond(seconds, nanos),
        r.string(),
        r.string(),
        r.string(),
        r.string(),
        r.string(),
        r.string());
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

}
