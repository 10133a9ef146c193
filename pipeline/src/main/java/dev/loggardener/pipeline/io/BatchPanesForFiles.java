package dev.loggardener.pipeline.io;

import dev.loggardener.beam.GatherPanes;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Re-triggers a stream just before a file sink: each element is written once (discarding panes),
 * and the elements of a window are gathered for up to {@link #FLUSH_DELAY} of processing time into
 * one file set, with whatever is left written when the window expires. Without it the sink inherits
 * the pipeline's triggers: accumulating panes made its own grouping re-emit what was already
 * written (duplicate rows, and two report files with one name, which fails the job), and rows
 * arriving after the watermark (every row of a closing pane) fired one late pane, so one file, per
 * element. Bounded input has one pane per window and passes through unchanged.
 */
public final class BatchPanesForFiles<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  /** How long a file sink gathers a window's elements before writing them. */
  public static final Duration FLUSH_DELAY = GatherPanes.DEFAULT_DELAY;

  private BatchPanesForFiles() {}

  public static <T> BatchPanesForFiles<T> create() {
    return new BatchPanesForFiles<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(GatherPanes.discarding(FLUSH_DELAY));
  }
}
