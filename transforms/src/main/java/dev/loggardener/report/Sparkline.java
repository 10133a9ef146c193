package dev.loggardener.report;

import java.util.List;

/**
 * A cluster's recent counts as a one-line trend, {@code ·▁▃█ (max 45)}: eight block heights scaled
 * to the largest count, a dot for windows without the signature. Plain characters, so it reads the
 * same in any markdown viewer and in a terminal.
 */
public final class Sparkline {
  private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  private Sparkline() {}

  public static String of(List<Long> counts) {
    if (counts.isEmpty()) {
      return "—";
    }
    long max = 0;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    StringBuilder sb = new StringBuilder(counts.size() + 16);
    for (long c : counts) {
      if (c <= 0 || max == 0) {
        sb.append('·');
      } else {
        int level = (int) Math.min(BLOCKS.length - 1, (c * BLOCKS.length - 1) / max);
        sb.append(BLOCKS[level]);
      }
    }
    return sb.append(" (max ").append(max).append(", this window last)").toString();
  }
}
