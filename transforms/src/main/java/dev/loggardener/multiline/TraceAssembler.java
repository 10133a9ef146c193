package dev.loggardener.multiline;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the lines of one (service, log, instance) into logical entries: a run of consecutive lines
 * that forms a stack trace becomes one group, every other line a group of its own. Input must be
 * sorted with {@link #ORDER}. A trace ends at its structural end (a Python traceback's final {@code
 * Type: message} line unless a chained traceback follows; the last {@code at} / {@code Caused by:}
 * / {@code ... N more} line of a JVM or Node trace; the last line of a Go goroutine dump), at an
 * event-time gap wider than the limit, or at a cap, whichever comes first; a trace cut short (an
 * OOM kill mid-traceback) keeps what it has. Pure and deterministic.
 */
public final class TraceAssembler implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Event time, then insertId: the order Cloud Logging itself uses for equal timestamps. */
  public static final Comparator<LogEntry> ORDER =
      Comparator.comparing(LogEntry::timestamp).thenComparing(LogEntry::insertId);

  private final TraceLimits limits;

  public TraceAssembler(TraceLimits limits) {
    this.limits = limits;
  }

  public TraceLimits limits() {
    return limits;
  }

  /** The groups of {@code sorted}, in order; together they hold every line exactly once. */
  public List<List<LogEntry>> group(List<LogEntry> sorted) {
    List<List<LogEntry>> groups = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int end = new Run(sorted, i).extent();
      groups.add(new ArrayList<>(sorted.subList(i, end)));
      i = end;
    }
    return groups;
  }

  /**
   * One logical entry for a group: the lines joined with {@code \n}, the first line's timestamp,
   * insertId and other fields, and the highest severity. A group of one is returned unchanged.
   */
  public static LogEntry merge(List<LogEntry> group) {
    if (group.size() == 1) {
      return group.get(0);
    }
    LogEntry first = group.get(0);
    StringBuilder message = new StringBuilder();
    Severity severity = first.severity();
    boolean truncated = false;
    for (LogEntry e : group) {
      if (message.length() > 0) {
        message.append('\n');
      }
      message.append(text(e));
      if (e.severity().number() > severity.number()) {
        severity = e.severity();
      }
      truncated |= e.messageTruncated();
    }
    return LogEntry.builder()
        .timestamp(first.timestamp())
        .severity(severity)
        .insertId(first.insertId())
        .logName(first.logName())
        .logId(first.logId())
        .resourceType(first.resourceType())
        .resourceLabels(first.resourceLabels())
        .labels(first.labels())
        .service(first.service())
        .revision(first.revision())
        .instanceId(first.instanceId())
        .trace(first.trace())
        .spanId(first.spanId())
        .httpMethod(first.httpMethod())
        .httpUrl(first.httpUrl())
        .httpStatus(first.httpStatus())
        .message(message.toString())
        .messageTruncated(truncated)
        .messageField(first.messageField())
        .build();
  }

  /** A line's text without the line terminator some writers leave on it. */
  static String text(LogEntry e) {
    String m = e.message();
    int end = m.length();
    while (end > 0 && (m.charAt(end - 1) == '\n' || m.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == m.length() ? m : m.substring(0, end);
  }

  /** Walks one candidate trace from {@code start}, enforcing gap and caps at every step. */
  private final class Run {
    private final List<LogEntry> lines;
    private final int start;
    private int chars;

    Run(List<LogEntry> lines, int start) {
      this.lines = lines;
      this.start = start;
      this.chars = text(lines.get(start)).length();
    }

    int extent() {
      String head = line(start);
      if (TraceLines.isPythonStart(head)) {
        return python();
      }
      if (TraceLines.isGoStart(head)) {
        return go();
      }
      if (TraceLines.isThrowableHeader(head)) {
        return throwable();
      }
      return start + 1;
    }

    private String line(int i) {
      return text(lines.get(i));
    }

    /** Whether line {@code j} may join the run that currently ends just before it. */
    private boolean fits(int j) {
      if (j >= lines.size() || j - start + 1 > limits.maxLines()) {
        return false;
      }
      if (chars + 1 + line(j).length() > limits.maxChars()) {
        return false;
      }
      Duration gap = Duration.between(lines.get(j - 1).timestamp(), lines.get(j).timestamp());
      return gap.compareTo(limits.gap()) <= 0;
    }

    private void take(int j) {
      chars += 1 + line(j).length();
    }

    private int python() {
      int j = start + 1;
      while (fits(j)) {
        String l = line(j);
        if (TraceLines.isIndented(l) && !l.isBlank()) {
          take(j++);
          continue;
        }
        if (TraceLines.isPythonException(l)) {
          take(j++);
          int chained = chainedTraceback(j);
          if (chained < 0) {
            return j;
          }
          j = chained;
          continue;
        }
        break; // anything else: the traceback was cut short, keep what it has
      }
      return j;
    }

    /**
     * After an exception line at {@code j - 1}: the index just past a following {@code During
     * handling…}/{@code The above exception…} marker and the next traceback's start line (blank
     * lines between them allowed), or -1 when no chained traceback follows.
     */
    private int chainedTraceback(int j) {
      int k = j;
      int saved = chars;
      boolean marker = false;
      while (fits(k)) {
        String l = line(k);
        if (l.isBlank()) {
          take(k++);
        } else if (!marker && TraceLines.isPythonChain(l)) {
          marker = true;
          take(k++);
        } else if (marker && TraceLines.isPythonStart(l)) {
          take(k++);
          return k;
        } else {
          break;
        }
      }
      chars = saved;
      return -1;
    }

    private int go() {
      int j = start + 1;
      boolean goroutine = false;
      while (fits(j) && TraceLines.isGoContinuation(line(j))) {
        goroutine |= TraceLines.isGoGoroutine(line(j));
        take(j++);
      }
      if (!goroutine) {
        return start + 1; // a lone "panic:" line is an ordinary line
      }
      while (j - 1 > start && line(j - 1).isBlank()) {
        j--;
      }
      return j;
    }

    private int throwable() {
      int j = start + 1;
      while (fits(j) && TraceLines.isThrowableContinuation(line(j))) {
        take(j++);
      }
      return j;
    }
  }
}
