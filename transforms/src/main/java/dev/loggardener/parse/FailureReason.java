package dev.loggardener.parse;

/**
 * The stable snake_case codes for records that do not become a LogEntry. They are counted and
 * written to dead-letter outputs, so they are part of the public contract: add codes, never rename
 * them.
 */
public final class FailureReason {
  /** The text is not JSON at all, or has content after the JSON value. */
  public static final String NOT_JSON = "not_json";

  /** A valid JSON prefix that ends unexpectedly (cut-off line or file). */
  public static final String TRUNCATED_JSON = "truncated_json";

  /** Valid JSON, but a number, string, array, boolean or null rather than an object. */
  public static final String NOT_AN_OBJECT = "not_an_object";

  /** An object without a {@code timestamp} field. */
  public static final String MISSING_TIMESTAMP = "missing_timestamp";

  /** A {@code timestamp} that is not an RFC 3339 string (numbers are rejected too). */
  public static final String BAD_TIMESTAMP = "bad_timestamp";

  /** Deeper than the parser's nesting limit ({@link LogEntryParser#MAX_NESTING_DEPTH}). */
  public static final String NESTING_TOO_DEEP = "nesting_too_deep";

  /** The record bytes are not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid_utf8";

  /** The record is larger than the reader's size cap, or holds an over-long string. */
  public static final String RECORD_TOO_LARGE = "record_too_large";

  /**
   * A Pub/Sub message without the {@code logging.googleapis.com/timestamp} attribute the Log Router
   * sets: its event time is unknown to the source, so it is not clustered.
   */
  public static final String MISSING_TIMESTAMP_ATTRIBUTE = "missing_timestamp_attribute";

  /**
   * A Pub/Sub message whose timestamp attribute is neither RFC 3339 nor epoch milliseconds, or lies
   * outside the range Beam can window.
   */
  public static final String BAD_TIMESTAMP_ATTRIBUTE = "bad_timestamp_attribute";

  private FailureReason() {}
}
