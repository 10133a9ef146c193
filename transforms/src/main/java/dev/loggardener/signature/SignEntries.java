package dev.loggardener.signature;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.redact.Redactor;

/**
 * Reduces a kept entry to a {@link SignedEntry}: its signature (the cluster key) and the redacted,
 * capped sample, so no raw message text travels further. With a {@link RuleBasedSigner}, the user's
 * fingerprint rules and masks apply first; the sample still shows the entry's real (redacted)
 * message. Pure functions, called per entry by the pipeline's entry path.
 */
public final class SignEntries {
  /** Characters of the redacted message kept as a cluster's sample. */
  public static final int MAX_SAMPLE_CHARS = 4_096;

  private SignEntries() {}

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
}
