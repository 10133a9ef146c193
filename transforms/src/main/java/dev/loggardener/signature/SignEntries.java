package dev.loggardener.signature;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.DeadLetterCoder;
import dev.loggardener.model.LogEntry;
import dev.loggardener.redact.Redactor;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import dev.loggardener.beam.GardenerCounters;

/**
 * Computes each kept entry's signature and reduces it to a {@link SignedEntry}: the cluster key
 * and the redacted, capped sample. After this stage no raw message text travels further. With
 * {@link #withRules}, the user's fingerprint rules and masks apply first (see {@link
 * RuleBasedSigner}); the sample still shows the entry's real (redacted) message.
 */
public final class SignEntries extends PTransform<PCollection<LogEntry>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** Characters of the redacted message kept as a cluster's sample. */
  public static final int MAX_SAMPLE_CHARS = 4_096;

  public static final TupleTag<SignedEntry> SIGNED = new TupleTag<SignedEntry>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>() {};

  private final SignatureRules rules;

  private SignEntries(SignatureRules rules) {
    this.rules = rules;
  }

  public static SignEntries create() {
    return new SignEntries(SignatureRules.none());
  }

  /** Signs with the fingerprint rules and masks of {@code rules}. */
  public SignEntries withRules(SignatureRules rules) {
    return new SignEntries(rules);
  }

  @Override
  public PCollectionTuple expand(PCollection<LogEntry> entries) {
    PCollectionTuple out =
        entries.apply(
            "Sign", ParDo.of(new SignFn(rules)).withOutputTags(SIGNED, TupleTagList.of(DEAD_LETTERS)));
    out.get(SIGNED).setCoder(SignedEntryCoder.of());
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.of());
    return out;
  }

  /** Pure conversion, exposed for tests and the command line. */
  public static SignedEntry sign(Signer signer, LogEntry e) {
    return signed(signer.sign(e.message()), e);
  }

  /** As {@link #sign(Signer, LogEntry)}, with the user's rules in the entry's scope. */
  public static SignedEntry sign(RuleBasedSigner signer, LogEntry e) {
    return signed(signer.sign(e.service(), e.logId(), e.logName(), e.message()), e);
  }

  private static SignedEntry signed(Signature sig, LogEntry e) {
    String message = e.message();
    // Cap before redacting: redaction cost grows with length and only the prefix is shown.
    if (message.length() > MAX_SAMPLE_CHARS) {
      message = message.substring(0, MAX_SAMPLE_CHARS);
    }
    String sample = Redactor.redact(message);
    if (sample.length() > MAX_SAMPLE_CHARS) {
      sample = sample.substring(0, MAX_SAMPLE_CHARS);
    }
    return new SignedEntry(
        e.service(),
        e.resourceType(),
        sig.id(),
        sig.template(),
        sig.version(),
        e.severity(),
        e.timestamp(),
        sample,
        e.insertId(),
        e.trace(),
        e.revision(),
        e.logName(),
        e.instanceId());
  }

  /** The dead letter of an entry whose signing threw: its message redacted and capped. */
  public static DeadLetter deadLetter(LogEntry entry, String reason, RuntimeException e) {
    String raw = entry.message();
    boolean truncated = raw.length() > DeadLetter.MAX_RAW_CHARS;
    return new DeadLetter(
        entry.logName(),
        0,
        "sign",
        reason,
        e.getClass().getName(),
        Redactor.redact(String.valueOf(e.getMessage())) + " (insertId " + entry.insertId() + ")",
        Redactor.redact(truncated ? raw.substring(0, DeadLetter.MAX_RAW_CHARS) : raw),
        raw.length(),
        truncated);
  }

  static final class SignFn extends DoFn<LogEntry, SignedEntry> {
    private static final long serialVersionUID = 1L;

    private final Counter deadLettered = GardenerCounters.counter(GardenerCounters.DEAD_LETTERED);
    private final Counter fingerprinted =
        GardenerCounters.counter(GardenerCounters.ENTRIES_FINGERPRINTED_BY_RULE);
    private final SignatureRules rules;
    private transient RuleBasedSigner signer;

    SignFn(SignatureRules rules) {
      this.rules = rules;
    }

    @Setup
    public void setup() {
      signer = new RuleBasedSigner(new Signer(), rules);
    }

    @ProcessElement
    public void process(@Element LogEntry entry, MultiOutputReceiver out) {
      try {
        SignedEntry signed = sign(signer, entry);
        if (!rules.fingerprints().isEmpty()
            && RuleBasedSigner.isForced(
                new Signature(signed.signatureId, signed.signature, signed.sigVersion))) {
          fingerprinted.inc();
        }
        out.get(SIGNED).output(signed);
      } catch (RuntimeException e) {
        String reason = "signing_failed";
        deadLettered.inc();
        GardenerCounters.deadLettered(reason).inc();
        out.get(DEAD_LETTERS).output(deadLetter(entry, reason, e));
      }
    }
  }
}
