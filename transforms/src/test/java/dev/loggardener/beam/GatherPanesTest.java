package dev.loggardener.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Rows reaching a per-window grouping after the watermark, bundle by bundle, fire a few gathered
 * panes rather than one pane per bundle.
 */
public class GatherPanesTest {
  private static final Instant START = new Instant(0);
  private static final int LATE_BUNDLES = 40;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void lateBundlesOfAClosedWindowFireOneGatheredPane() {
    assertPanes(GatherPanes.keepingAccumulation(Duration.standardSeconds(10)), 3);
  }

  @Test
  public void withoutGatheringEveryLateBundleFiresItsOwnPane() {
    assertPanes(
        new PTransform<PCollection<KV<String, Integer>>, PCollection<KV<String, Integer>>>() {
          @Override
          public PCollection<KV<String, Integer>> expand(PCollection<KV<String, Integer>> in) {
            return in;
          }
        },
        LATE_BUNDLES + 1); // the on-time pane, then one per late bundle
  }

  private void assertPanes(
      PTransform<PCollection<KV<String, Integer>>, PCollection<KV<String, Integer>>> gather,
      int expectedAtMost) {
    TestStream.Builder<KV<String, Integer>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
            .addElements(
                TimestampedValue.of(KV.of("w", 0), START.plus(Duration.standardMinutes(1))))
            .advanceWatermarkTo(START.plus(Duration.standardMinutes(61)));
    for (int i = 1; i <= LATE_BUNDLES; i++) {
      stream =
          stream.addElements(
              TimestampedValue.of(KV.of("w", i), START.plus(Duration.standardMinutes(2))));
    }
    TestStream<KV<String, Integer>> events =
        stream.advanceProcessingTime(Duration.standardSeconds(11)).advanceWatermarkToInfinity();

    PCollection<Integer> paneSizes =
        pipeline
            .apply(events)
            .apply(
                Window.<KV<String, Integer>>into(FixedWindows.of(Duration.standardHours(1)))
                    .triggering(
                        AfterWatermark.pastEndOfWindow()
                            .withLateFirings(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(Duration.standardHours(6))
                    .accumulatingFiredPanes())
            .apply(gather)
            .apply(GroupByKey.create())
            .apply(ParDo.of(new PaneSizeFn()));

    PAssert.that(paneSizes)
        .satisfies(
            sizes -> {
              List<Integer> all = new ArrayList<>();
              sizes.forEach(all::add);
              assertTrue("panes fired: " + all, all.size() <= expectedAtMost);
              assertTrue("panes fired: " + all, all.size() >= Math.min(expectedAtMost, 2));
              // Accumulating: the biggest pane holds every element of the window.
              assertEquals(LATE_BUNDLES + 1, (int) all.stream().max(Integer::compare).get());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  private static final class PaneSizeFn extends DoFn<KV<String, Iterable<Integer>>, Integer> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Integer>> group, OutputReceiver<Integer> out) {
      int n = 0;
      for (Integer ignored : group.getValue()) {
        n++;
      }
      out.output(n);
    }
  }
}
