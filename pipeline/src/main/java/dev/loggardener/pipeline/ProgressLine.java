package dev.loggardener.pipeline;

import java.util.Locale;

/**
 * The text of one progress line of a local run: entries read, the rate since the first entry,
 * and, when the input's size is known, the share read and the time left at that rate. The share
 * is estimated from the characters of the records read against the input's bytes (exact for
 * ASCII NDJSON, close for pretty-printed JSON arrays), so it is capped below 100 %.
 */
final class ProgressLine {
  private ProgressLine() {}

  /**
   * @param totalBytes size of the input, or 0 when unknown (compressed, remote, a stream)
   * @param seconds time since the first entry was read
   */
  static String format(long records, long chars, long totalBytes, double seconds) {
    StringBuilder s = new StringBuilder("gardener: ");
    s.append(String.format(Locale.ROOT, "%,d entries read", records));
    if (seconds > 0) {
      s.append(String.format(Locale.ROOT, ", %,.0f/s", records / seconds));
    }
    if (totalBytes > 0 && chars > 0 && seconds > 0) {
      double share = Math.min(0.99, (double) chars / totalBytes);
      double left = seconds * (1 - share) / share;
      s.append(String.format(Locale.ROOT, ", %.0f %% of the input, about %s left", share * 100,
          duration(left)));
    }
    return s.toString();
  }

  /** Once no entry has been read for a whole interval: the input is read, the rest clusters. */
  static String readingDone(long records, double secondsSinceLast) {
    return String.format(
        Locale.ROOT, "gardener: all %,d entries read; clustering and writing for about %s",
        records, duration(secondsSinceLast));
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }
}
