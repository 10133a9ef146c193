package dev.loggardener.beam;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Fixed event-time windows (hourly by default) with the windowing stated in full, as Beam's
 * LeaderBoard example does: on unbounded input, early panes after a processing-time delay, an
 * on-time pane when the watermark passes the window end, a late pane per late element within the
 * allowed lateness, accumulating, and a closing pane when the window expires even if nothing new
 * arrived, so every cluster of every window ends with one row marked {@code is_final}. Bounded
 * input (a log export) has no late data: it gets neither early firings nor lateness, so a file run
 * yields exactly one pane per window, on time and final.
 */
public final class WindowIntoHours<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  private final WindowingConfig config;

  private WindowIntoHours(WindowingConfig config) {
    this.config = config;
  }

  public static <T> WindowIntoHours<T> of(WindowingConfig config) {
    return new WindowIntoHours<>(config);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    boolean streaming = input.isBounded() == PCollection.IsBounded.UNBOUNDED;
    Window<T> window = Window.<T>into(FixedWindows.of(config.windowSize()));
    if (!streaming) {
      // A bounded input has no late data: with no lateness the on-time pane is the final one,
      // whatever order the runner advances watermarks in.
      return input.apply(
          "FixedWindows",
          window
              .triggering(AfterWatermark.pastEndOfWindow())
              .withAllowedLateness(Duration.ZERO)
              .discardingFiredPanes());
    }
    AfterWatermark.FromEndOfWindow onTime = AfterWatermark.pastEndOfWindow();
    if (config.earlyFiringDelay().getMillis() > 0) {
      window =
          window.triggering(
              onTime
                  .withEarlyFirings(
                      AfterProcessingTime.pastFirstElementInPane()
                          .plusDelayOf(config.earlyFiringDelay()))
                  .withLateFirings(AfterPane.elementCountAtLeast(1)));
    } else {
      window = window.triggering(onTime.withLateFirings(AfterPane.elementCountAtLeast(1)));
    }
    return input.apply(
        "FixedWindows",
        window
            .withAllowedLateness(config.allowedLateness(), Window.ClosingBehavior.FIRE_ALWAYS)
            .accumulatingFiredPanes());
  }
}
