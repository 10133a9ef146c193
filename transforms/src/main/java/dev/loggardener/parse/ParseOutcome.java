package dev.loggardener.parse;

import dev.loggardener.model.LogEntry;
import java.io.Serializable;
import java.util.Objects;

/**
 * The result of parsing one record: either a {@link LogEntry} or a failure {@link #reason()} (a
 * {@link FailureReason} code meant for counting) with a human {@link #detail()}. A value rather
 * than an exception because bad records are expected data, not errors, and must never stop a
 * pipeline.
 */
public final class ParseOutcome implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LogEntry entry;
  private final String reason;
  private final String detail;

  private ParseOutcome(LogEntry entry, String reason, String detail) {
    this.entry = entry;
    this.reason = reason;
    this.detail = detail;
  }

  public static ParseOutcome ok(LogEntry entry) {
    return new ParseOutcome(Objects.requireNonNull(entry, "entry"), null, null);
  }

  public static ParseOutcome failure(String reason, String detail) {
    return new ParseOutcome(
        null, Objects.requireNonNull(reason, "reason"), detail == null ? "" : detail);
  }

  public boolean isOk() {
    return entry != null;
  }

  /** The parsed entry, or null on failure. */
  public LogEntry entry() {
    return entry;
  }

  /** The {@link FailureReason} code, or null on success. */
  public String reason() {
    return reason;
  }

  /** A short human explanation of the failure, or null on success. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return isOk()
        ? "ParseOutcome{ok " + entry + "}"
        : "ParseOutcome{" + reason + ": " + detail + "}";
  }
}
