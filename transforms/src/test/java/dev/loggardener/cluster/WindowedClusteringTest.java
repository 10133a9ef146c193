package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The streaming matrix of Beam's LeaderBoard test applied to clustering: early, on-time, late and
 * too-late data, plus duplicate deliveries, through windowing, deduplication and aggregation.
 */
public class WindowedClusteringTest {
  private static final Instant HOUR = Instant.parse("2025-09-16T01:00:00Z");
  private static final IntervalWindow WINDOW =
      new IntervalWindow(HOUR, HOUR.plus(Duration.standardHours(1)));
  private static final WindowingConfig CONFIG =
      WindowingConfig.of(
          Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));

  @Rule
  public final transient TestPipeline p =
      TestPipeline.create().enableAbandonedNodeEnforcement(true);

  {
    p.getOptions().setStableUniqueNames(CheckEnabled.ERROR);
  }

  private static SignedEntry entry(String sig, String insertId, Instant at) {
    return new SignedEntry(
        "orders-api",
        "cloud_run_revision",
        sig,
        "template " + sig,
        1,
        Severity.ERROR,
        java.time.Instant.ofEpochMilli(at.getMillis()),
        "message " + sig,
        insertId,
        "",
        "orders-api-00001-abc",
        "projects/p/logs/run.googleapis.com%2Fstderr",
        "i1");
  }

  private static TimestampedValue<SignedEntry> at(String sig, String insertId, Duration offset) {
    Instant t = HOUR.plus(offset);
    return TimestampedValue.of(entry(sig, insertId, t), t);
  }

  private PCollection<String> cluster(TestStream<SignedEntry> stream) {
    return cluster(stream, true);
  }

  /**
   * Windowing and aggregation, with or without deduplication in between. The late-pane cases run
   * without it: deduplication is a keyed stage of its own whose output watermark trails its input,
   * so whether an element late at the source is still late at the aggregation depends on the
   * runner's scheduling, not on the windowing under test.
   */
  private PCollection<String> cluster(TestStream<SignedEntry> stream, boolean deduplicate) {
    PCollection<SignedEntry> windowed =
        p.apply("Stream", stream).apply("Window", WindowIntoHours.<SignedEntry>of(CONFIG));
    if (deduplicate) {
      windowed = windowed.apply("Deduplicate", DeduplicateEntries.create());
    }
    PCollection<ClusterRow> rows = windowed.apply("Aggregate", AggregateClusters.create());
    return rows.apply(
        "Describe",
        MapElements.into(TypeDescriptors.strings())
            .via(r -> r.signatureId() + "=" + r.count() + "/" + r.paneTiming()));
  }

  private static long counter(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  public void onTimeDataFiresOneOnTimePanePerCluster() {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .advanceWatermarkTo(HOUR)
            .addElements(
                at("a", "1", Duration.standardMinutes(1)),
                at("a", "2", Duration.standardMinutes(30)),
                at("b", "3", Duration.standardMinutes(59)))
            .advanceWatermarkToInfinity();
    PAssert.that(cluster(stream))
        .inOnTimePane(WINDOW)
        .containsInAnyOrder("a=2/ON_TIME", "b=1/ON_TIME");
    p.run().waitUntilFinish();
  }

  @Test
  public void earlyPaneFiresAfterTheProcessingTimeDelayAndPanesAccumulate() {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .advanceWatermarkTo(HOUR)
            .addElements(at("a", "1", Duration.standardMinutes(1)))
            .advanceProcessingTime(Duration.standardMinutes(6))
            .addElements(at("a", "2", Duration.standardMinutes(2)))
            .advanceWatermarkToInfinity();
    PCollection<String> rows = cluster(stream);
    PAssert.that(rows).inWindow(WINDOW).containsInAnyOrder("a=1/EARLY", "a=2/ON_TIME");
    p.run().waitUntilFinish();
  }

  @Test
  public void lateDataWithinAllowedLatenessFiresAnAccumulatedLatePane() {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .advanceWatermarkTo(HOUR)
            .addElements(at("a", "1", Duration.standardMinutes(10)))
            .advanceWatermarkTo(HOUR.plus(Duration.standardHours(2)))
            .addElements(at("a", "2", Duration.standardMinutes(20)))
            .advanceWatermarkToInfinity();
    PCollection<String> rows = cluster(stream, false);
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder("a=1/ON_TIME");
    PAssert.that(rows).inFinalPane(WINDOW).containsInAnyOrder("a=2/LATE");
    p.run().waitUntilFinish();
  }

  @Test
  public void dataBeyondAllowedLatenessIsDroppedAndCounted() {
    assertTooLateEntryIsDroppedAndCounted(false);
  }

  @Test
  public void entriesBeyondAllowedLatenessAreDroppedByDeduplicationToo() {
    assertTooLateEntryIsDroppedAndCounted(true);
  }

  private void assertTooLateEntryIsDroppedAndCounted(boolean deduplicate) {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .advanceWatermarkTo(HOUR)
            .addElements(at("a", "1", Duration.standardMinutes(10)))
            .advanceWatermarkTo(HOUR.plus(Duration.standardHours(8)))
            .addElements(at("a", "2", Duration.standardMinutes(20)))
            .advanceWatermarkToInfinity();
    PCollection<String> rows = cluster(stream, deduplicate);
    PAssert.that(rows).inOnTimePane(WINDOW).containsInAnyOrder("a=1/ON_TIME");
    PAssert.that(rows).inFinalPane(WINDOW).containsInAnyOrder("a=1/ON_TIME");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(droppedDueToLateness(result), is(1L));
  }

  private static long droppedDueToLateness(PipelineResult result) {
    long dropped = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      if (c.getName().getName().equalsIgnoreCase(GardenerCounters.RUNNER_DROPPED_DUE_TO_LATENESS)) {
        dropped += c.getAttempted();
      }
    }
    return dropped;
  }

  @Test
  public void duplicateDeliveriesAreCountedOnce() {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .advanceWatermarkTo(HOUR)
            .addElements(
                at("a", "1", Duration.standardMinutes(1)),
                at("a", "1", Duration.standardMinutes(1)),
                at("a", "2", Duration.standardMinutes(1)))
            .advanceProcessingTime(Duration.standardMinutes(1))
            .addElements(at("a", "1", Duration.standardMinutes(1)))
            .advanceWatermarkToInfinity();
    PAssert.that(cluster(stream)).inOnTimePane(WINDOW).containsInAnyOrder("a=2/ON_TIME");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(
        counter(result, GardenerCounters.NAMESPACE, GardenerCounters.ENTRIES_DUPLICATE), is(2L));
    assertThat(counter(result, GardenerCounters.NAMESPACE, GardenerCounters.ENTRIES_KEPT), is(2L));
  }
}
