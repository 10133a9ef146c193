package dev.loggardener.parse;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One record cut out of a log export file before any JSON parsing: where it came from ({@link
 * #source()}, {@link #ordinal()}), its text, and, when the reader already knows the record cannot
 * be used (bad UTF-8, over the size cap, cut off by the end of the file, garbage between array
 * elements), a stable {@link FailureReason} code. Kept separate from parsing so that unusable
 * records can still be counted and dead-lettered with their position in the file.
 */
public final class RawRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long ordinal;
  private final String text;
  private final String failureReason;
  private final String messageId;
  private final Map<String, String> attributes;

  private RawRecord(String source, long ordinal, String text, String failureReason) {
    this(source, ordinal, text, failureReason, "", Collections.emptyMap());
  }

  private RawRecord(
      String source,
      long ordinal,
      String text,
      String failureReason,
      String messageId,
      Map<String, String> attributes) {
    this.source = source == null ? "" : source;
    this.ordinal = ordinal;
    this.text = Objects.requireNonNull(text, "text");
    this.failureReason = failureReason;
    this.messageId = messageId == null ? "" : messageId;
    this.attributes =
        attributes == null || attributes.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /**
   * This record with the message id and attributes of the transport it arrived on (a Pub/Sub
   * message), so a dead letter can name the exact message to look up or replay.
   */
  public RawRecord withTransport(String messageId, Map<String, String> attributes) {
    return new RawRecord(source, ordinal, text, failureReason, messageId, attributes);
  }

  /** A record the reader found nothing wrong with; the parser still decides if it is a LogEntry. */
  public static RawRecord of(String source, long ordinal, String text) {
    return new RawRecord(source, ordinal, text, null);
  }

  /** A record the reader already knows is unusable; {@code reason} is a {@link FailureReason}. */
  public static RawRecord failed(String source, long ordinal, String text, String reason) {
    return new RawRecord(source, ordinal, text, Objects.requireNonNull(reason, "reason"));
  }

  /** The file or stream name given to the reader. */
  public String source() {
    return source;
  }

  /** 1-based number of this record within its source; blank lines are not counted. */
  public long ordinal() {
    return ordinal;
  }

  /** The record text; for {@code record_too_large} only a short prefix. */
  public String text() {
    return text;
  }

  /** Null when the record is usable, else a {@link FailureReason} code. */
  public String failureReason() {
    return failureReason;
  }

  /** The transport's message id (Pub/Sub {@code messageId}); empty for files. */
  public String messageId() {
    return messageId;
  }

  /** The transport's attributes (Pub/Sub message attributes), sorted by key; empty for files. */
  public Map<String, String> attributes() {
    return attributes;
  }

  public boolean usable() {
    return failureReason == null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawRecord)) {
      return false;
    }
    RawRecord r = (RawRecord) o;
    return ordinal == r.ordinal
        && source.equals(r.source)
        && text.equals(r.text)
        && Objects.equals(failureReason, r.failureReason)
        && messageId.equals(r.messageId)
        && attributes.equals(r.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, ordinal, text, failureReason);
  }

  @Override
  public String toString() {
    String t = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return "RawRecord{"
        + source
        + "#"
        + ordinal
        + (failureReason == null ? "" : " " + failureReason)
        + " "
        + t
        + "}";
  }
}
