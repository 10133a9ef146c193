package dev.loggardener.multiline;

import java.io.Serializable;
import java.time.Duration;

/**
 * How far {@link TraceAssembler} may stretch one trace: the largest event-time gap between two
 * consecutive lines, and caps on the lines and characters of the merged message. The caps bound
 * both the merged entry and the per-key state that holds lines while a trace is still open.
 */
public final class TraceLimits implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final long DEFAULT_GAP_MILLIS = 1_000;
  public static final int DEFAULT_MAX_LINES = 256;

  /** The parser caps a message at 64 KiB; a merged trace gets no more room than one entry. */
  public static final int DEFAULT_MAX_CHARS = 64 * 1024;

  private final long gapMillis;
  private final int maxLines;
  private final int maxChars;

  private TraceLimits(long gapMillis, int maxLines, int maxChars) {
    if (gapMillis < 0) {
      throw new IllegalArgumentException("trace gap must be 0 ms or more, not " + gapMillis);
    }
    if (maxLines < 1 || maxChars < 1) {
      throw new IllegalArgumentException("trace caps must be at least 1");
    }
    this.gapMillis = gapMillis;
    this.maxLines = maxLines;
    this.maxChars = maxChars;
  }

  public static TraceLimits defaults() {
    return new TraceLimits(DEFAULT_GAP_MILLIS, DEFAULT_MAX_LINES, DEFAULT_MAX_CHARS);
  }

  public static TraceLimits of(long gapMillis, int maxLines, int maxChars) {
    return new TraceLimits(gapMillis, maxLines, maxChars);
  }

  public long gapMillis() {
    return gapMillis;
  }

  public Duration gap() {
    return Duration.ofMillis(gapMillis);
  }

  public int maxLines() {
    return maxLines;
  }

  public int maxChars() {
    return maxChars;
  }

  @Override
  public String toString() {
    return "TraceLimits{gap=" + gapMillis + "ms, lines=" + maxLines + ", chars=" + maxChars + "}";
  }
}
