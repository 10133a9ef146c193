package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cluster.AggregateClusters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.DeduplicateEntries;
import dev.loggardener.ingest.ParseFilterSign;
import dev.loggardener.model.Severity;
import dev.loggardener.pipeline.GardenerSettings;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.signature.SignedEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesAndMessageIdCoder;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Where an entry written 30 s before the hour ends lands, with the default options, on the Pub/Sub
 * path: messages come stamped with their publish time (as PubsubIO gives them), the watermark
 * follows publish time, and each record moves back to the entry's own time (see
 * docs/event-time.md). Published before the hour ends, the entry is in its hour's on-time pane;
 * delivered after the watermark has passed the hour, it is in a late pane of its own hour, counted
 * there, never in the next hour and never dropped.
 */
public class EventTimeOnPubsubTest {
  static final String SUBSCRIPTION = "projects/p/subscriptions/log-gardener";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static PubsubMessage entry(String insertId, String time) {
    byte[] payload =
        ("{\"insertId\":\""
                + insertId
                + "\",\"timestamp\":\""
                + time
                + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
                + "\"severity\":\"WARNING\",\"textPayload\":\"Container called exit(3).\","
                + "\"labels\":{\"instanceId\":\"inst-1\"},"
                + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\","
                + "\"revision_name\":\"orders-api-00043-lup\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    return new PubsubMessage(
        payload, Map.of(PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE, time), insertId);
  }

  static TimestampedValue<PubsubMessage> published(PubsubMessage m, String publishTime) {
    return TimestampedValue.of(m, Instant.parse(publishTime));
  }

  /**
   * "window start, pane timing, [final,] count" of every cluster as aggregated, with the default
   * options: the pipeline's own steps up to the aggregation (parse, window, deduplicate,
   * aggregate), the stages where an entry is placed in a window and pane.
   */
  PCollection<String> panes(TestStream<PubsubMessage> messages) {
    LogGardenerOptions o = p.getOptions().as(LogGardenerOptions.class);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setInput(java.nio.file.Paths.get("..", "samples", "cloud-run-backend-hour.json").toString());
    WindowingConfig windowing = GardenerSettings.from(o).windowing();
    return p.apply("Messages", messages)
        .apply("ToRawRecords", PubsubMessagesToRawRecords.from(SUBSCRIPTION))
        .apply(
            "ParseFilterSign",
            ParseFilterSign.atLeast(
                Severity.parseLenient(o.getMinSeverity()), windowing.windowSize()))
        .signed()
        .apply("WindowSignedEntries", WindowIntoHours.<SignedEntry>of(windowing))
        .apply(
            "DeduplicateEntries",
            DeduplicateEntries.create()
                .withRetention(
                    org.joda.time.Duration.standardMinutes(o.getDedupRetentionMinutes())))
        .apply("AggregateClusters", AggregateClusters.create())
        .apply(
            "Describe",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (ClusterRow r) ->
                        r.windowStart()
                            + " "
                            + r.paneTiming().value()
                            + (r.isFinal() ? " final " : " ")
                            + r.count()));
  }

  static long droppedAsLate(PipelineResult result) {
    long sum = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      if (c.getName().getName().equalsIgnoreCase("droppedDueToLateness")) {
        sum += c.getAttempted();
      }
    }
    return sum;
  }

  /** A LATE pane before the closing one: fired because late data arrived. */
  static boolean firedForLateData(String row) {
    return row.startsWith("2025-06-03T14:00:00Z LATE ") && !row.contains(" final ");
  }

  static Set<String> distinct(Iterable<String> rows) {
    Set<String> out = new TreeSet<>();
    rows.forEach(out::add);
    return out;
  }

  @Test
  public void publishedBeforeTheHourEndsItIsInTheHoursOnTimePane() {
    TestStream<PubsubMessage> messages =
        TestStream.create(PubsubMessageWithAttributesAndMessageIdCoder.of())
            .addElements(published(entry("a", "2025-06-03T14:10:00Z"), "2025-06-03T14:10:02Z"))
            .addElements(published(entry("b", "2025-06-03T14:59:30Z"), "2025-06-03T14:59:32Z"))
            .advanceWatermarkTo(Instant.parse("2025-06-03T15:00:30Z"))
            .advanceWatermarkToInfinity();
    PAssert.that(panes(messages))
        .satisfies(
            rows -> {
              // Both entries in the on-time pane; no pane fired for late data (the window's closing
              // pane, late by timing when its allowed lateness ends, carries nothing new).
              Set<String> got = distinct(rows);
              assertThat(got.contains("2025-06-03T14:00:00Z ON_TIME 2"), is(true));
              assertThat(got.stream().anyMatch(EventTimeOnPubsubTest::firedForLateData), is(false));
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(droppedAsLate(result), is(0L));
  }

  @Test
  public void deliveredAfterTheWatermarkPassedTheHourItIsInALatePaneOfItsOwnHour() {
    // The router took 61 s; meanwhile entries of the next hour, published earlier, moved the
    // watermark (publish time) past 15:00, so the hour had fired on time without it.
    TestStream<PubsubMessage> messages =
        TestStream.create(PubsubMessageWithAttributesAndMessageIdCoder.of())
            .addElements(published(entry("a", "2025-06-03T14:10:00Z"), "2025-06-03T14:10:02Z"))
            .advanceWatermarkTo(Instant.parse("2025-06-03T15:00:31Z"))
            .addElements(published(entry("b", "2025-06-03T14:59:30Z"), "2025-06-03T15:00:31Z"))
            .advanceWatermarkToInfinity();
    PAssert.that(panes(messages))
        .satisfies(
            rows -> {
              Set<String> got = distinct(rows);
              // The on-time pane has the one entry published in time; the late one fires a LATE
              // pane of the same hour of its own, before the closing one.
              assertThat(got.contains("2025-06-03T14:00:00Z ON_TIME 1"), is(true));
              assertThat(got.stream().anyMatch(EventTimeOnPubsubTest::firedForLateData), is(true));
              assertThat(
                  got.stream().allMatch(r -> r.startsWith("2025-06-03T14:00:00Z ")), is(true));
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(droppedAsLate(result), is(0L));
  }
}
