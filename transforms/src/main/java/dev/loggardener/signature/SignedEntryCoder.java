package dev.loggardener.signature;

import dev.loggardener.model.BinaryFrame;
import dev.loggardener.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A compact, deterministic binary coder for {@link SignedEntry}: every entry crosses two shuffles
 * (deduplication and aggregation) and sits in their sort buffers, so its size is paid several times
 * per entry. The fields travel as one {@link BinaryFrame}, written and read in bulk, and two of
 * them as less, without any state outside the element:
 *
 * <ul>
 *   <li>the sample message as the part that differs from the template it was signed into: the
 *       template is the message with its variable parts masked, so they share most of their start
 *       and end, and a message without variable parts (more than half of them in the benchmark
 *       export) is its template and costs three bytes;
 *   <li>the resource type as an index into the types seen most.
 * </ul>
 *
 * <p>Every field decodes to exactly the string the plain UTF-8 frame gave (see {@link
 * dev.loggardener.model.SharedEnds} for surrogates), and equal entries encode to equal bytes.
 * Packing hex ids two digits a byte and sending the revision after the service name were tried and
 * dropped: the per-char work cost more CPU than the bytes saved.
 */
public final class SignedEntryCoder extends AtomicCoder<SignedEntry> {
  private static final SignedEntryCoder INSTANCE = new SignedEntryCoder();

  /**
   * Resource types sent as one byte. Append only while no job that encoded entries with the older
   * table is running: the table is part of the encoding.
   */
  static final List<String> RESOURCE_TYPES =
      List.of(
          "",
          "cloud_run_revision",
          "cloud_run_job",
          "k8s_container",
          "gce_instance",
          "cloud_function",
          "gae_app",
          "global");

  public static SignedEntryCoder of() {
    return INSTANCE;
  }

  public static SignedEntryCoder create() {
    return INSTANCE;
  }

  @Override
  public void encode(SignedEntry e, OutputStream out) throws IOException {
    // Sized for the plain text so that the buffer does not grow for ASCII fields.
    int expected =
        32
            + e.service.length()
            + e.signatureId.length()
            + e.signature.length()
            + e.sampleMessage.length()
            + e.insertId.length()
            + e.trace.length()
            + e.revision.length()
            + e.logName.length();
    BinaryFrame.Writer w =
        new BinaryFrame.Writer(expected)
            .string(e.service)
            .stringFrom(RESOURCE_TYPES, e.resourceType)
            .string(e.signatureId)
            .string(e.signature)
            .varInt(e.sigVersion)
            .varInt(e.severity.number())
            .varLong(e.timestamp.getEpochSecond())
            .varInt(e.timestamp.getNano())
            .stringSharingEnds(e.sampleMessage, e.signature)
            .string(e.insertId)
            .string(e.trace)
            .string(e.revision)
            .string(e.logName)
            .bool(e.hasInstance);
    if (e.hasInstance) {
      w.fixedLong(e.instanceHash);
    }
    w.writeTo(out);
  }

  @Override
  public SignedEntry decode(InputStream in) throws IOException {
    BinaryFrame.Reader r = BinaryFrame.Reader.readFrom(in);
    String service = r.string();
    String resourceType = r.stringFrom(RESOURCE_TYPES);
    String signatureId = r.string();
    String signature = r.string();
    int sigVersion = r.varInt();
    Severity severity = Severity.fromNumber(r.varInt());
    long seconds = r.varLong();
    int nanos = r.varInt();
    String sampleMessage = r.stringSharingEnds(signature);
    String insertId = r.string();
    String trace = r.string();
    String revision = r.string();
    String logName = r.string();
    boolean hasInstance = r.bool();
    return new SignedEntry(
        service,
        resourceType,
        signatureId,
        signature,
        sigVersion,
        severity,
        Instant.ofEpochSecond(seconds, nanos),
        sampleMessage,
        insertId,
        trace,
        revision,
        logName,
        hasInstance,
        hasInstance ? r.fixedLong() : 0L);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
