package dev.loggardener.ingest;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Everything the fused {@link ParseFilterSign} step emits besides signed entries, as one type: a
 * dead letter, a line that may belong to a split stack trace, or a bundle's count of entries read
 * for one service. One side output rather than three, because Beam's Flink batch translation hands
 * every output of a multi-output step to each consumer, which decodes all of it: with one side
 * output the signed entries are decoded by two consumers instead of four.
 */
@DefaultCoder(EntryAsideCoder.class)
public final class EntryAside implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Which of the three an aside is; the number is its tag on the wire. */
  public enum Kind {
    DEAD_LETTER,
    TRACE_LINE,
    ENTRIES_READ
  }

  private final Kind kind;
  private final DeadLetter deadLetter;
  private final LogEntry traceLine;
  private final String service;
  private final long count;

  private EntryAside(
      Kind kind, DeadLetter deadLetter, LogEntry traceLine, String service, long count) {
    this.kind = kind;
    this.deadLetter = deadLetter;
    this.traceLine = traceLine;
    this.service = service;
    this.count = count;
  }

  public static EntryAside deadLetter(DeadLetter d) {
    return new EntryAside(Kind.DEAD_LETTER, Objects.requireNonNull(d), null, null, 0);
  }

  public static EntryAside traceLine(LogEntry e) {
    return new EntryAside(Kind.TRACE_LINE, null, Objects.requireNonNull(e), null, 0);
  }

  /**
   * {@code count} entries of {@code service} read (parsed), for the reports' collection summary.
   */
  public static EntryAside entriesRead(String service, long count) {
    return new EntryAside(Kind.ENTRIES_READ, null, null, Objects.requireNonNull(service), count);
  }

  public Kind kind() {
    return kind;
  }

  public DeadLetter deadLetter() {
    return deadLetter;
  }

  public LogEntry traceLine() {
    return traceLine;
  }

  public String service() {
    return service;
  }

  public long count() {
    return count;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EntryAside)) {
      return false;
    }
    EntryAside a = (EntryAside) o;
    return kind == a.kind
        && count == a.count
        && Objects.equals(deadLetter, a.deadLetter)
        && Objects.equals(traceLine, a.traceLine)
        && Objects.equals(service, a.service);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, deadLetter, traceLine, service, count);
  }

  @Override
  public String toString() {
    return "EntryAside{"
        + kind
        + " "
        + (deadLetter != null
            ? deadLetter.reason
            : traceLine != null ? traceLine.insertId() : service + "=" + count)
        + "}";
  }
}
