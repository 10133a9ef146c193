package dev.loggardener.history;

import java.io.Serializable;
import java.util.Map;

/**
 * Decides whether a window's count is a spike against the same signature's recent baseline, a
 * simplification of Sentry's escalation forecast. The baseline is the counts of the {@link
 * SignatureHistory#CAPACITY} windows before this one (windows without the signature count zero):
 *
 * <ul>
 *   <li>Signature first seen a full baseline span ago or more, with mean μ, standard deviation σ,
 *       coefficient of variation cv = σ/μ and highest count m: {@code threshold = max(μ +
 *       min(max((μ + 5σ)/μ, 5), 8)·μ, m·min(max(2, 5·e^(−0.65·cv)), 5))} (Sentry's "spike" and
 *       "bursty" terms).
 *   <li>Younger signature (Sentry: issue age under a week): {@code threshold = 10·m}, with m over
 *       the windows since it was first seen.
 * </ul>
 *
 * A window is a SPIKE when its count exceeds the threshold and is at least {@link
 * #MIN_SPIKE_COUNT}, so that 1 → 11 occurrences of a rare warning does not page anyone.
 */
public final class SpikeRule implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final long MIN_SPIKE_COUNT = 10;
  public static final double YOUNG_FACTOR = 10.0;

  /** The threshold a count must exceed, or +∞ when there is no baseline at all. */
  public static double threshold(SignatureHistory h, long windowStart, long windowMillis) {
    int span = SignatureHistory.CAPACITY;
    long from = windowStart - span * windowMillis;
    Map<Long, Long> prior = h.before(windowStart).tailMap(from, true);
    if (prior.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    long max = 0;
    double sum = 0;
    double sumSq = 0;
    for (long c : prior.values()) {
      max = Math.max(max, c);
      sum += c;
      sumSq += (double) c * c;
    }
    boolean mature = h.firstWindowStart() != null && h.firstWindowStart() <= from;
    if (!mature) {
      return YOUNG_FACTOR * max;
    }
    double mean = sum / span;
    double sd = Math.sqrt(Math.max(0, sumSq / span - mean * mean));
    double spike = mean + Math.min(Math.max((mean + 5 * sd) / mean, 5), 8) * mean;
    double cv = sd / mean;
    double bursty = max * Math.min(Math.max(2, 5 * Math.exp(-0.65 * cv)), 5);
    return Math.max(spike, bursty);
  }

  public static boolean isSpike(
      long count, SignatureHistory h, long windowStart, long windowMillis) {
    return count >= MIN_SPIKE_COUNT && count > threshold(h, windowStart, windowMillis);
  }
}
