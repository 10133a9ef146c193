package dev.loggardener.beam;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Puts elements that a stateful stage moved into the global window back into the windowing they
 * came with (window function, trigger, lateness, accumulation), so the stages after it see the same
 * windows and triggers as before it. Elements are re-assigned by their timestamps, which such a
 * stage keeps at their window's end.
 */
public final class BackIntoWindows<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  private final transient WindowingStrategy<?, ?> original;

  private BackIntoWindows(WindowingStrategy<?, ?> original) {
    this.original = original;
  }

  public static <T> BackIntoWindows<T> of(WindowingStrategy<?, ?> original) {
    return new BackIntoWindows<>(original);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public PCollection<T> expand(PCollection<T> input) {
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
}
