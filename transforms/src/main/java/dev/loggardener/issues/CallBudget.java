package dev.loggardener.issues;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket bounding the filings one JVM makes (each is a few tracker calls: list open issues,
 * maybe list comments, create or comment), shared by every filing thread of that JVM (a worker runs
 * many instances of the filing step). It never sleeps: {@link #tryAcquire} either takes a permit or
 * says how long until one is free, so the caller can come back from a timer.
 *
 * <p>A global bound over a job is built from it by giving each worker the global rate divided by
 * the number of workers that may run the step (see {@link
 * IssueFilingConfig#perWorkerFilingsPerMinute}). It is an upper bound, never exceeded while that
 * worker count holds, and under-uses the budget when fewer workers run; filing is rare, so that is
 * the cheap side to err on.
 */
public final class CallBudget {
  private static final Map<String, CallBudget> SHARED = new ConcurrentHashMap<>();

  private final double permitsPerNano;
  private final double burst;
  private double available;
  private long lastNanos;

  CallBudget(double filingsPerMinute, double burst, long nowNanos) {
    this.permitsPerNano = filingsPerMinute / 60e9;
    this.burst = Math.max(1, burst);
    this.available = this.burst;
    this.lastNanos = nowNanos;
  }

  /**
   * The budget every caller in this JVM shares for {@code key} (API URL and repository) and rate;
   * null (unbounded) for a rate of 0 or less. No burst beyond one filing: the bound is what a
   * worker may do in any minute, not on average.
   */
  public static CallBudget shared(String key, double filingsPerMinute) {
    if (filingsPerMinute <= 0) {
      return null;
    }
    return SHARED.computeIfAbsent(
        key + "@" + filingsPerMinute, k -> new CallBudget(filingsPerMinute, 1, System.nanoTime()));
  }

  /** Takes a permit and returns 0, or returns the milliseconds until one will be free. */
  public long tryAcquire() {
    return tryAcquire(System.nanoTime());
  }

  synchronized long tryAcquire(long nowNanos) {
    available = Math.min(burst, available + (nowNanos - lastNanos) * permitsPerNano);
    lastNanos = nowNanos;
    if (available >= 1) {
      available -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - available) / permitsPerNano / 1e6));
  }
}
