package dev.loggardener.history;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Status against history over several hourly windows: the first window of a signature is NEW, later
 * ones ONGOING, a count far above the baseline SPIKE; a resolved signature reappearing in a newer
 * revision is a REGRESSION, in an older one it is not.
 */
public class TrackSignatureHistoryTest {
  private static final java.time.Instant H0 = java.time.Instant.parse("2025-09-16T00:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  {
    p.getOptions().setStableUniqueNames(CheckEnabled.ERROR);
  }

  private static ClusterRow row(String sig, int hour, long count, String revision) {
    java.time.Instant start = H0.plusSeconds(3600L * hour);
    return ClusterRow.builder()
        .windowStart(start)
        .windowEnd(start.plusSeconds(3600))
        .service("orders-api")
        .signatureId(sig)
        .signature("template " + sig)
        .count(count)
        .firstSeen(start)
        .lastSeen(start)
        .revisions(List.of(revision))
        .isFinal(true)
        .build();
  }

  /** A row timestamped as the aggregation emits it: at its window's last instant. */
  private static TimestampedValue<ClusterRow> emitted(ClusterRow r) {
    return TimestampedValue.of(r, new Instant(r.windowEnd().toEpochMilli() - 1));
  }

  private static Instant endOfHour(int hour) {
    return new Instant(H0.plusSeconds(3600L * (hour + 1)).toEpochMilli());
  }

  private PCollection<String> statuses(PCollection<ClusterRow> rows, KnownIssues registry) {
    return rows.apply("Hourly", Window.into(FixedWindows.of(Duration.standardHours(1))))
        .apply("History", TrackSignatureHistory.with(registry))
        .apply(
            "Describe",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    r ->
                        r.signatureId()
                            + "@"
                            + r.windowStart().atZone(java.time.ZoneOffset.UTC).getHour()
                            + "="
                            + r.status()
                            + (r.trackingIssue().isEmpty() ? "" : " " + r.trackingIssue())));
  }

  @Test
  public void newThenOngoingThenSpikeAsTheWindowsGoBy() {
    TestStream<ClusterRow> stream =
        TestStream.create(ClusterRowCoder.of())
            .addElements(emitted(row("a", 0, 5, "r-00001-abc")))
            .advanceWatermarkTo(endOfHour(0))
            .addElements(
                emitted(row("a", 1, 6, "r-00001-abc")), emitted(row("b", 1, 3, "r-00001-abc")))
            .advanceWatermarkTo(endOfHour(1))
            .addElements(
                emitted(row("a", 2, 80, "r-00001-abc")), emitted(row("b", 2, 4, "r-00001-abc")))
            .advanceWatermarkToInfinity();
    PAssert.that(statuses(p.apply("Stream", stream), KnownIssues.empty()))
        .containsInAnyOrder("a@0=NEW", "a@1=ONGOING", "b@1=NEW", "a@2=SPIKE", "b@2=ONGOING");
    p.run().waitUntilFinish();
  }

  @Test
  public void aBatchInAnyArrivalOrderIsProcessedInEventTimeOrder() {
    PCollection<ClusterRow> rows =
        p.apply(
            "Rows",
            Create.timestamped(
                    emitted(row("a", 2, 80, "r-00001-abc")),
                    emitted(row("a", 0, 5, "r-00001-abc")),
                    emitted(row("a", 1, 6, "r-00001-abc")))
                .withCoder(ClusterRowCoder.of()));
    PAssert.that(statuses(rows, KnownIssues.empty()))
        .containsInAnyOrder("a@0=NEW", "a@1=ONGOING", "a@2=SPIKE");
    p.run().waitUntilFinish();
  }

  @Test
  public void aResolvedSignatureIsARegressionInANewerRevisionOnly() {
    KnownIssues registry =
        KnownIssues.parseCsv(
            "signature_id,tracker_url,status,resolved_revision\n"
                + "fixed,https://tracker/1,resolved,orders-api-00042-xog\n"
                + "fixedLater,https://tracker/2,resolved,orders-api-00043-lup\n"
                + "open,https://tracker/3,open,\n");
    TestStream<ClusterRow> stream =
        TestStream.create(ClusterRowCoder.of())
            .addElements(
                emitted(row("fixed", 0, 2, "orders-api-00043-lup")),
                emitted(row("fixedLater", 0, 2, "orders-api-00042-xog")),
                emitted(row("open", 0, 2, "orders-api-00043-lup")))
            .advanceWatermarkTo(endOfHour(0))
            .addElements(emitted(row("fixedLater", 1, 2, "orders-api-00042-xog")))
            .advanceWatermarkToInfinity();
    PAssert.that(statuses(p.apply("Stream", stream), registry))
        .containsInAnyOrder(
            "fixed@0=REGRESSION https://tracker/1",
            "fixedLater@0=NEW https://tracker/2",
            "fixedLater@1=ONGOING https://tracker/2",
            "open@0=NEW https://tracker/3");
    p.run().waitUntilFinish();
  }
}
