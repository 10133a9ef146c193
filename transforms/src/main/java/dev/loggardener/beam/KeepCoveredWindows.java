package dev.loggardener.beam;

import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the elements of the windows a {@link WindowCoverage} holds completely and leaves out the
 * others, counting them and logging each window left out once per bundle: a backfill's export that
 * holds only part of a window cannot count that window, and its rows would replace a complete
 * count.
 */
public final class KeepCoveredWindows<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  /** Entries of windows the declared backfill coverage holds only in part, left out. */
  public static final String ENTRIES_OUTSIDE_COVERAGE = "backfill_entries_outside_coverage";

  private final WindowCoverage coverage;
  private final String counter;

  private KeepCoveredWindows(WindowCoverage coverage, String counter) {
    this.coverage = coverage;
    this.counter = counter;
  }

  /** Leaves out what {@code coverage} does not hold, counting it under {@code counter}. */
  public static <T> KeepCoveredWindows<T> of(WindowCoverage coverage, String counter) {
    return new KeepCoveredWindows<>(coverage, counter);
  }

  /** Leaves out what {@code coverage} does not hold, uncounted (elements that are not entries). */
  public static <T> KeepCoveredWindows<T> uncounted(WindowCoverage coverage) {
    return new KeepCoveredWindows<>(coverage, null);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input
        .apply("KeepCovered", ParDo.of(new KeepFn<T>(coverage, counter)))
        .setCoder(input.getCoder());
  }

  static final class KeepFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KeepCoveredWindows.class);

    private final WindowCoverage coverage;
    private final Counter leftOut;
    private transient Set<String> windowsLeftOut;

    KeepFn(WindowCoverage coverage, String counter) {
      this.coverage = coverage;
      this.leftOut = counter == null ? null : GardenerCounters.counter(counter);
    }

    @StartBundle
    public void start() {
      windowsLeftOut = new TreeSet<>();
    }

    @ProcessElement
    public void process(@Element T element, BoundedWindow window, OutputReceiver<T> out) {
      if (window instanceof IntervalWindow && coverage.covers((IntervalWindow) window)) {
        out.output(element);
        return;
      }
      if (leftOut != null) {
        leftOut.inc();
        windowsLeftOut.add(window.toString());
      }
    }

    @FinishBundle
    public void finish() {
      for (String w : windowsLeftOut) {
        LOG.warn(
            "Backfill coverage {} holds window {} only in part: its entries are left out, so the"
                + " rows already written for it stay (backfill whole windows to replace them)",
            coverage,
            w);
      }
      windowsLeftOut.clear();
    }
  }
}
