package dev.loggardener.pipeline.io;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Switches a stream's panes to discarding mode before it is written, keeping its trigger and
 * lateness. The pipeline accumulates panes on purpose (every row and report is a window's
 * complete state so far), but a file sink groups again, and in accumulating mode its own later
 * panes would re-emit everything already written: duplicated rows, and two report files claiming
 * the same name (which fails the job). Each element is written once, in the pane that produced
 * it. Bounded input has one pane per window and passes through unchanged.
 */
public final class DiscardFiredPanes<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  private DiscardFiredPanes() {}

  public static <T> DiscardFiredPanes<T> create() {
    return new DiscardFiredPanes<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    WindowingStrategy<?, ?> ws = input.getWindowingStrategy();
    if (input.isBounded() == PCollection.IsBounded.BOUNDED
        || ws.getMode() == WindowingStrategy.AccumulationMode.DISCARDING_FIRED_PANES) {
      return input;
    }
    return input.apply(
        "Discarding",
        Window.<T>configure()
            .triggering(ws.getTrigger())
            .withAllowedLateness(ws.getAllowedLateness(), ws.getClosingBehavior())
            .discardingFiredPanes());
  }
}
