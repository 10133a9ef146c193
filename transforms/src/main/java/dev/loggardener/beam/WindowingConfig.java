package dev.loggardener.beam;

import java.io.Serializable;
import org.joda.time.Duration;

/**
 * The event-time windowing every keyed stage shares: window size, early firing delay (streaming
 * only) and allowed lateness. One value object so deduplication, aggregation and reports cannot
 * disagree about which window an entry belongs to or how long it stays open.
 */
public final class WindowingConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Duration windowSize;
  private final Duration earlyFiringDelay;
  private final Duration allowedLateness;

  private WindowingConfig(
      Duration windowSize, Duration earlyFiringDelay, Duration allowedLateness) {
    if (windowSize.getMillis() <= 0) {
      throw new IllegalArgumentException("window size must be positive");
    }
    if (earlyFiringDelay.getMillis() < 0 || allowedLateness.getMillis() < 0) {
      throw new IllegalArgumentException("early firing delay and allowed lateness must be >= 0");
    }
    this.windowSize = windowSize;
    this.earlyFiringDelay = earlyFiringDelay;
    this.allowedLateness = allowedLateness;
  }

  public static WindowingConfig of(
      Duration windowSize, Duration earlyFiringDelay, Duration allowedLateness) {
    return new WindowingConfig(windowSize, earlyFiringDelay, allowedLateness);
  }

  /** Hourly windows, early firings every 5 minutes, 6 hours of allowed lateness. */
  public static WindowingConfig defaults() {
    return of(Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));
  }

  public Duration windowSize() {
    return windowSize;
  }

  /** Zero disables early firings. */
  public Duration earlyFiringDelay() {
    return earlyFiringDelay;
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }
}
