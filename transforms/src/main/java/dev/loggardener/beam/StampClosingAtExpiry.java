package dev.loggardener.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Moves the timestamp of a window's closing element (its last pane) forward to the window's expiry,
 * the instant the {@link ClosingPaneHold} of the stateful step it enters holds the watermark at.
 * Put between a stage's move into the global window and its stateful DoFn.
 *
 * <p>Why: a closing pane leaves its window's last stage when the watermark passes the window's
 * expiry, stamped at the window's end, hours behind. An element that far behind holds nothing on
 * its way through the shuffle in front of a stateful step (on the DirectRunner it crosses the
 * step's grouping stamped at the end of the global window), so the step's watermark runs ahead of
 * it, the hold that waits for it fires and is renewed at once again and again (on a drain the
 * watermark is at the end of time), and the element is served only after the hold was given up: the
 * steps after it then drop it as late. Stamped at the expiry, the element holds the step's
 * watermark at the expiry until the step has processed it. {@link BackIntoWindows#restampedBy} puts
 * it back at its window's end before the stages that window by timestamp.
 */
public final class StampClosingAtExpiry<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, Boolean> closing;
  private final SerializableFunction<T, Instant> expiry;

  private StampClosingAtExpiry(
      SerializableFunction<T, Boolean> closing, SerializableFunction<T, Instant> expiry) {
    this.closing = closing;
    this.expiry = expiry;
  }

  /** Elements for which {@code closing} holds are stamped at {@code expiry} (never earlier). */
  public static <T> StampClosingAtExpiry<T> of(
      SerializableFunction<T, Boolean> closing, SerializableFunction<T, Instant> expiry) {
    return new StampClosingAtExpiry<>(closing, expiry);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input
        .apply("StampAtExpiry", ParDo.of(new StampFn<T>(closing, expiry)))
        .setCoder(input.getCoder());
  }

  static final class StampFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, Boolean> closing;
    private final SerializableFunction<T, Instant> expiry;

    StampFn(SerializableFunction<T, Boolean> closing, SerializableFunction<T, Instant> expiry) {
      this.closing = closing;
      this.expiry = expiry;
    }

    @ProcessElement
    public void process(@Element T e, @Timestamp Instant ts, OutputReceiver<T> out) {
      if (!closing.apply(e)) {
        out.output(e);
        return;
      }
      Instant at = expiry.apply(e);
      out.outputWithTimestamp(e, at.isAfter(ts) ? at : ts);
    }
  }
}
