package dev.loggardener.beam;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;

/**
 * Re-triggers a stream so that a window's elements are gathered for a short processing-time delay
 * before each firing, instead of firing once per element. A stage downstream of an aggregation sees
 * a closing window's rows arrive after the watermark, one bundle at a time; with the inherited late
 * trigger (one element) every bundle fires a pane, and a per-window stage that looks at all of a
 * window's rows (cascade linking, reports, file sinks) then redoes its work once per bundle:
 * quadratic in the number of clusters. Gathered, a window fires a handful of times. Bounded input
 * has one pane per window and passes through unchanged.
 */
public final class GatherPanes<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  /** How long a window's elements are gathered before a pane fires. */
  public static final Duration DEFAULT_DELAY = Duration.standardSeconds(10);

  private final Duration delay;
  private final boolean discarding;
  private final boolean closingPane;

  private GatherPanes(Duration delay, boolean discarding, boolean closingPane) {
    this.delay = delay;
    this.discarding = discarding;
    this.closingPane = closingPane;
  }

  /** Panes keep the input's accumulation mode: a stage that needs all rows so far gets them. */
  public static <T> GatherPanes<T> keepingAccumulation(Duration delay) {
    return new GatherPanes<>(delay, false, false);
  }

  /** Each element is emitted in one pane only: for sinks that must not write a row twice. */
  public static <T> GatherPanes<T> discarding(Duration delay) {
    return new GatherPanes<>(delay, true, false);
  }

  /**
   * Each element in one pane only, and a window's closing pane fired even when empty: for a
   * stateful stage that keeps what it needs of earlier panes itself and must learn when a window
   * closes. Each firing holds only what arrived since the last one.
   */
  public static <T> GatherPanes<T> changesOnly(Duration delay) {
    return new GatherPanes<>(delay, true, true);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    if (input.isBounded() == PCollection.IsBounded.BOUNDED) {
      return input;
    }
    WindowingStrategy<?, ?> ws = input.getWindowingStrategy();
    AfterProcessingTime flush = AfterProcessingTime.pastFirstElementInPane().plusDelayOf(delay);
    Window<T> window =
        Window.<T>configure()
            .triggering(
                AfterWatermark.pastEndOfWindow().withEarlyFirings(flush).withLateFirings(flush));
    if (discarding && closingPane) {
      return input.apply(
          "Gathered",
          window
              .withAllowedLateness(ws.getAllowedLateness(), Window.ClosingBehavior.FIRE_ALWAYS)
              .discardingFiredPanes());
    }
    if (discarding) {
      // A sink needs no empty closing pane: nothing is left to write.
      return input.apply(
          "Gathered",
          window
              .withAllowedLateness(
                  ws.getAllowedLateness(), Window.ClosingBehavior.FIRE_IF_NON_EMPTY)
              .discardingFiredPanes());
    }
    window = window.withAllowedLateness(ws.getAllowedLateness(), ws.getClosingBehavior());
    return input.apply(
        "Gathered",
        ws.getMode() == WindowingStrategy.AccumulationMode.ACCUMULATING_FIRED_PANES
            ? window.accumulatingFiredPanes()
            : window.discardingFiredPanes());
  }
}
