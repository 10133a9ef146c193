package dev.loggardener.beam;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * A closing element travels stamped at its window's expiry and comes back to its window's end: the
 * stamp moves only closing elements, and only forward; the way back puts each element in the window
 * it came from.
 */
public class StampClosingAtExpiryTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final Instant START = Instant.parse("2026-12-01T14:00:00Z");
  static final Duration HOUR = Duration.standardHours(1);
  static final Duration LATENESS = Duration.standardHours(6);

  /** (name, 1 if closing) at the window's last instant, as a stage's row is stamped. */
  static TimestampedValue<KV<String, Long>> at(String name, long closing, int hour) {
    return TimestampedValue.of(
        KV.of(name, closing), START.plus(HOUR.multipliedBy(hour + 1L)).minus(Duration.millis(1)));
  }

  /** The window end a test element belongs to, from its name ("a0": hour 0). */
  static Instant windowEnd(KV<String, Long> e) {
    int hour = e.getKey().charAt(1) - '0';
    return START.plus(HOUR.multipliedBy(hour + 1L)).minus(Duration.millis(1));
  }

  static final class Describe extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> e,
        @Timestamp Instant ts,
        BoundedWindow w,
        OutputReceiver<String> out) {
      String window =
          w instanceof IntervalWindow ? ((IntervalWindow) w).start().toString() : "global";
      out.output(e.getKey() + " " + ts + " " + window);
    }
  }

  @Test
  public void onlyClosingElementsTravelAtTheExpiryAndComeBackToTheirWindow() {
    PCollection<KV<String, Long>> in =
        p.apply(
            Create.timestamped(at("a0", 0, 0), at("b0", 1, 0), at("c1", 1, 1))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    PCollection<KV<String, Long>> stamped =
        in.apply(
            StampClosingAtExpiry.<KV<String, Long>>of(
                e -> e.getValue() == 1, e -> windowEnd(e).plus(LATENESS)));
    PAssert.that(stamped.apply("DescribeStamped", ParDo.of(new Describe())))
        .containsInAnyOrder(
            "a0 2026-12-01T14:59:59.999Z global",
            "b0 2026-12-01T20:59:59.999Z global",
            "c1 2026-12-01T21:59:59.999Z global");
    WindowingStrategy<?, ?> hourly =
        in.apply(
                "Hourly",
                Window.<KV<String, Long>>into(FixedWindows.of(HOUR))
                    .withAllowedLateness(LATENESS)
                    .discardingFiredPanes())
            .getWindowingStrategy();
    PAssert.that(
            stamped
                .apply(
                    "Back",
                    BackIntoWindows.<KV<String, Long>>of(hourly)
                        .restampedBy(StampClosingAtExpiryTest::windowEnd))
                .apply("DescribeBack", ParDo.of(new Describe())))
        .containsInAnyOrder(
            "a0 2026-12-01T14:59:59.999Z 2026-12-01T14:00:00.000Z",
            "b0 2026-12-01T14:59:59.999Z 2026-12-01T14:00:00.000Z",
            "c1 2026-12-01T15:59:59.999Z 2026-12-01T15:00:00.000Z");
    p.run().waitUntilFinish();
  }
}
