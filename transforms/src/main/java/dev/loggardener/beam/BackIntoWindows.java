package dev.loggardener.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Puts elements that a stateful stage moved into the global window back into the windowing they
 * came with (window function, trigger, lateness, accumulation), so the stages after it see the same
 * windows and triggers as before it. Elements are re-assigned by their timestamps, which such a
 * stage keeps at their window's end.
 */
public final class BackIntoWindows<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  private final transient WindowingStrategy<?, ?> original;
  private final SerializableFunction<T, Instant> windowEnd;

  private BackIntoWindows(
      WindowingStrategy<?, ?> original, SerializableFunction<T, Instant> windowEnd) {
    this.original = original;
    this.windowEnd = windowEnd;
  }

  public static <T> BackIntoWindows<T> of(WindowingStrategy<?, ?> original) {
    return new BackIntoWindows<>(original, null);
  }

  /**
   * Elements stamped later than their window's end ({@link StampClosingAtExpiry}) are first put
   * back at {@code windowEnd} (the last instant of the element's window), so they are windowed
   * where they came from; at most the allowed lateness back.
   */
  public BackIntoWindows<T> restampedBy(SerializableFunction<T, Instant> windowEnd) {
    return new BackIntoWindows<>(original, windowEnd);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public PCollection<T> expand(PCollection<T> input) {
    if (windowEnd != null) {
      input =
          input
              .apply(
                  "AtWindowEnd",
                  ParDo.of(new RestampFn<T>(windowEnd, original.getAllowedLateness())))
              .setCoder(input.getCoder());
    }
    Window<T> back =
        Window.<T>into((WindowFn) original.getWindowFn())
            .triggering(original.getTrigger())
            .withAllowedLateness(original.getAllowedLateness(), original.getClosingBehavior())
            .withTimestampCombiner(original.getTimestampCombiner())
            .withOnTimeBehavior(original.getOnTimeBehavior());
    back =
        original.getMode() == WindowingStrategy.AccumulationMode.ACCUMULATING_FIRED_PANES
            ? back.accumulatingFiredPanes()
            : back.discardingFiredPanes();
    return input.apply("Window", back);
  }

  static final class RestampFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, Instant> windowEnd;
    private final Duration lateness;

    RestampFn(SerializableFunction<T, Instant> windowEnd, Duration lateness) {
      this.windowEnd = windowEnd;
      this.lateness = lateness;
    }

    @ProcessElement
    public void process(@Element T e, @Timestamp Instant ts, OutputReceiver<T> out) {
      Instant end = windowEnd.apply(e);
      out.outputWithTimestamp(e, end.isBefore(ts) ? end : ts);
    }

    // Moving back is what this step is for: a closing element was moved forward by at most the
    // allowed lateness (to its window's expiry) and comes back by as much. Deprecated in the SDK,
    // but it is what the DoFn runners check an earlier output timestamp against: runners-core's
    // (DirectRunner, Flink) and the SDK harness's FnApiDoFnRunner, which runs DoFns on Dataflow.
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return lateness;
    }
  }
}
