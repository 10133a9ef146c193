package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
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
 * {@link BuildReports} on the DirectRunner: a window with more clusters than the cap gives one
 * bounded report, and rows re-emitted by accumulating panes are counted once, at their latest.
 */
public class BuildReportsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant IN_WINDOW = new Instant(ManyClusters.START.toEpochMilli() + 60_000);

  private static Window<ClusterRow> hourly() {
    return Window.<ClusterRow>into(FixedWindows.of(Duration.standardHours(1)));
  }

  @Test
  public void aWindowWithManyClustersGivesOneReportListingTheTopOnes() {
    List<ClusterRow> rows = ManyClusters.rows(300);
    PCollection<ClusterRow> windowed =
        p.apply(
                Create.timestamped(
                        rows.stream()
                            .map(r -> TimestampedValue.of(r, IN_WINDOW))
                            .collect(Collectors.toList()))
                    .withCoder(ClusterRowCoder.of()))
            .apply(hourly());
    PCollection<KV<String, String>> reports = reports(windowed, 25);
    PAssert.that(reports)
        .satisfies(
            all -> {
              List<KV<String, String>> list = new ArrayList<>();
              all.forEach(list::add);
              assertThat(list, hasSize(1));
              String md = list.get(0).getValue();
              assertThat(tableRows(md), hasSize(25));
              assertThat(md, containsString("- **Clusters:** 300\n"));
              assertThat(md, containsString("… and 275 more clusters ("));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void rowsOfEarlierPanesAreReplacedByTheirLatestNotAddedToThem() {
    ClusterRow a0 = ManyClusters.row("sig-a", "P0", 10).paneIndex(0).build();
    ClusterRow b0 = ManyClusters.row("sig-b", "P2", 4).paneIndex(0).build();
    ClusterRow a1 = ManyClusters.row("sig-a", "P0", 30).paneIndex(1).build();
    ClusterRow b1 = ManyClusters.row("sig-b", "P2", 4).paneIndex(1).build();
    ClusterRow c1 = ManyClusters.row("sig-c", "P1", 6).paneIndex(1).build();
    // Upstream re-emits every cluster of the window with each pane, as LinkCascades does; an
    // early firing comes between the two, as in a streaming job.
    TestStream<ClusterRow> stream =
        TestStream.create(ClusterRowCoder.of())
            .addElements(TimestampedValue.of(a0, IN_WINDOW), TimestampedValue.of(b0, IN_WINDOW))
            .advanceProcessingTime(Duration.standardMinutes(10))
            .addElements(
                TimestampedValue.of(b1, IN_WINDOW),
                TimestampedValue.of(a1, IN_WINDOW),
                // A repeated older row changes nothing.
                TimestampedValue.of(a0, IN_WINDOW),
                TimestampedValue.of(c1, IN_WINDOW))
            .advanceWatermarkToInfinity();
    // The pipeline's own streaming windowing: early panes, accumulating.
    PCollection<ClusterRow> windowed =
        p.apply(stream)
            .apply(
                WindowIntoHours.of(
                    WindowingConfig.of(
                        Duration.standardHours(1),
                        Duration.standardMinutes(5),
                        Duration.standardHours(1))));
    PCollection<KV<String, String>> reports = reports(windowed, 2);
    PAssert.that(reports)
        .satisfies(
            all -> {
              TreeMap<String, String> byPath = new TreeMap<>();
              all.forEach(kv -> byPath.put(kv.getKey(), kv.getValue()));
              String last = byPath.get(byPath.lastKey() /* highest pane */);
              for (String md : byPath.values()) {
                assertThat(md, containsString("- **Errors/warnings kept:** "));
              }
              String first = byPath.values().iterator().next();
              assertThat(first, containsString("- **Clusters:** 2\n"));
              assertThat(first, containsString("- **Errors/warnings kept:** 14\n"));
              assertThat(last, containsString("- **Clusters:** 3\n"));
              assertThat(last, containsString("- **Errors/warnings kept:** 40\n"));
              assertThat(tableRows(last), equalTo(List.of("sig-a", "sig-c")));
              assertThat(last, containsString("| 1 | P0 | 30 | sig-a |"));
              assertThat(
                  last,
                  containsString("… and 1 more cluster (4 entries: P2 1 cluster, 4 entries)"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static PCollection<KV<String, String>> reports(PCollection<ClusterRow> rows, int max) {
    PCollection<KV<String, Long>> read =
        rows.apply(
                "EntriesRead",
                ParDo.of(
                    new DoFn<ClusterRow, KV<String, Long>>() {
                      @ProcessElement
                      public void process(
                          @Element ClusterRow r, OutputReceiver<KV<String, Long>> out) {
                        out.output(KV.of(r.service(), 1_000L));
                      }
                    }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return BuildReportsInput.of(rows, read)
        .apply(
            "BuildReports",
            BuildReports.using(ReportRenderer.withDefaultTemplate()).withMaxClusters(max));
  }

  private static List<String> tableRows(String md) {
    return Arrays.stream(md.split("\n"))
        .filter(l -> l.matches("^\\| \\d+ \\|.*"))
        .map(l -> l.split(" \\| ")[3])
        .collect(Collectors.toList());
  }
}
