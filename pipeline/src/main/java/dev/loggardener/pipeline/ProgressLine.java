package dev.loggardener.pipeline;

import java.util.Locale;

/**
 * The text of one progress line of a local run: entries read, the rate since the first line, and,
 * when the input's size is known, the share read and the time left at that rate. The share is
 * estimated from the characters of the records read against the input's bytes (exact for ASCII
 * NDJSON, close for pretty-printed JSON arrays), so it is capped below 100 %.
 */
final class ProgressLine {
  private ProgressLine() {}

  /**
   * @param records entries read so far
   * @param chars characters of the records read so far
   * @param totalBytes size of the input, or 0 when unknown (compressed, remote, a stream)
   * @param sinceRecords, sinceChars, seconds the same counts at an earlier line and the time since
   *     it; {@code seconds <= 0} on the first line, which has no rate yet
   */
  static String format(
      long records,
      long chars,
      long totalBytes,
      long sinceRecords,
      long sinceChars,
      double seconds) {
    StringBuilder s = new StringBuilder("gardener: ");
    s.append(String.format(Locale.ROOT, "%,d entries read", records));
    if (seconds > 0) {
      s.append(String.format(Locale.ROOT, ", %,.0f/s", (records - sinceRecords) / seconds));
    }
    if (totalBytes > 0 && chars > 0) {
      double share = Math.min(0.99, (double) chars / totalBytes);
      s.append(String.format(Locale.ROOT, ", %.0f %% of the input", share * 100));
      double charsPerSecond = seconds > 0 ? (chars - sinceChars) / seconds : 0;
      if (charsPerSecond > 0) {
        double left = Math.max(0, totalBytes * 0.99 - chars) / charsPerSecond;
        s.append(", about ").append(duration(left)).append(" left");
      }
    }
    return s.toString();
  }

  /** Once no entry has been read for a whole interval: the input is read, the rest clusters. */
  static String readingDone(long records, double secondsSinceLast) {
    return String.format(
        Locale.ROOT,
        "gardener: all %,d entries read; clustering and writing for about %s",
        records,
        duration(secondsSinceLast));
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }
}
