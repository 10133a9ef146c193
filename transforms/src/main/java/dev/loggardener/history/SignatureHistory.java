package dev.loggardener.history;

import java.io.Serializable;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The bounded memory of one (service, signature): its count in each of the last {@link #CAPACITY}
 * windows it appeared in (a window it did not appear in counts zero), and the start of the first
 * window it was ever seen in, which survives the eviction of old counts. Windows are identified by
 * their start in epoch milliseconds.
 */
public final class SignatureHistory implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One week of hourly windows, the span Sentry's escalation forecast looks back over. */
  public static final int CAPACITY = 168;

  final TreeMap<Long, Long> counts = new TreeMap<>();
  Long firstWindowStart;

  /** Records (or, for a later pane of the same window, replaces) a window's count. */
  public void record(long windowStart, long count) {
    counts.put(windowStart, count);
    if (firstWindowStart == null || windowStart < firstWindowStart) {
      firstWindowStart = windowStart;
    }
    while (counts.size() > CAPACITY) {
      counts.pollFirstEntry();
    }
  }

  /** True when the signature was seen in a window that started before this one. */
  public boolean seenBefore(long windowStart) {
    return firstWindowStart != null && firstWindowStart < windowStart;
  }

  /** Counts of windows that started before {@code windowStart}, oldest first. */
  public NavigableMap<Long, Long> before(long windowStart) {
    return counts.headMap(windowStart, false);
  }

  public Long firstWindowStart() {
    return firstWindowStart;
  }

  public Long lastWindowStart() {
    return counts.isEmpty() ? null : counts.lastKey();
  }

  public Map<Long, Long> counts() {
    return java.util.Collections.unmodifiableMap(counts);
  }
}
