package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import dev.loggardener.model.BinaryFrame;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A compact, deterministic binary coder for {@link SignedEntry}: every entry crosses two shuffles
 * (deduplication and aggregation) and sits in their sort buffers, so its size is paid several
 * times per entry. The fields travel as one {@link BinaryFrame}, written and read in bulk, and
 * the bulky ones as little as they can without any state outside the element:
 *
 * <ul>
 *   <li>the sample message as the part that differs from the template it was signed into (the
 *       template is the message with its variable parts masked, so they share most of their
 *       start and end);
 *   <li>the revision as the part after the service name it usually starts with;
 *   <li>ids that are lowercase hex (instance, insertId, signature id) packed two digits a byte;
 *   <li>the resource type as an index into the types the parser knows.
 * </ul>
 *
 * <p>Every field decodes to exactly the string the plain UTF-8 frame gave (see {@link
 * dev.loggardener.model.SharedEnds} for surrogates), and equal entries encode to equal bytes.
 */
public final class SignedEntryCoder extends AtomicCoder<SignedEntry> {
  private static final SignedEntryCoder INSTANCE = new SignedEntryCoder();

  /**
   * Resource types sent as one byte. Append only while no job that encoded entries with the
   * older table is running: the table is part of the encoding.
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
    // Sized for the plain text so the buffer does not grow for ASCII fields.
    int expected =
        32
            + e.service.length()
            + e.signatureId.length()
            + e.signature.length()
            + e.sampleMessage.length()
            + e.insertId.length()
            + e.trace.length()
            + e.revision.length()
            + e.logName.length()
            + e.instanceId.length();
    new BinaryFrame.Writer(expected)
        .string(e.service)
        .stringFrom(RESOURCE_TYPES, e.resourceType)
        .hexOrString(e.signatureId)
        .string(e.signature)
        .varInt(e.sigVersion)
        .varInt(e.severity.number())
        .varLong(e.timestamp.getEpochSecond())
        .varInt(e.timestamp.getNano())
        .stringSharingEnds(e.sampleMessage, e.signature)
        .hexOrString(e.insertId)
        .string(e.trace)
        .stringSharingEnds(e.revision, e.service)
        .string(e.logName)
        .hexOrString(e.instanceId)
        .writeTo(out);
  }

  @Override
  public SignedEntry decode(InputStream in) throws IOException {
    BinaryFrame.Reader r = BinaryFrame.Reader.readFrom(in);
    String service = r.string();
    String resourceType = r.stringFrom(RESOURCE_TYPES);
    String signatureId = r.hexOrString();
    String signature = r.string();
    int sigVersion = r.varInt();
    Severity severity = Severity.fromNumber(r.varInt());
    long seconds = r.varLong();
    int nanos = r.varInt();
    String sampleMessage = r.stringSharingEnds(signature);
    String insertId = r.hexOrString();
    String trace = r.string();
    String revision = r.stringSharingEnds(service);
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
        r.string(),
        r.hexOrString());
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

}
