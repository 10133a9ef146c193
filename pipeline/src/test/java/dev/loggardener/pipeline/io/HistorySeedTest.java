package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.signature.Signer;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A fresh launch starts its history from what {@code clusters_latest} says earlier runs counted
 * (the view's rows held by Beam's fake dataset service here; the query itself is checked on ZetaSQL
 * in the sql-check module), so a signature seen in the previous hour is ONGOING, not NEW, and needs
 * no issue; a cluster's rows of one window add up; and a read that fails (a fresh project without
 * the view, a missing grant) is counted and leaves an empty history, without stopping or holding up
 * the job.
 */
public class HistorySeedTest {
  static final String PROJECT = BigQueryClusterSinkTest.PROJECT;
  static final String DATASET = BigQueryClusterSinkTest.DATASET;
  static final String EXIT_TEMPLATE = "Container called exit(<*>).";

  /** Entries in the current hour, so the previous hour is within the seed's days. */
  static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private FakeDatasetService datasets;

  /**
   * What BigQuery's {@code jobs.query} would return for the seed query, from the view's rows in the
   * fake dataset service: the rows of the view it names, since the parameter. The view not being
   * there fails as BigQuery does.
   */
  static final class FakeViewQuery implements SeedQuery {
    private static final long serialVersionUID = 1L;
    private final FakeDatasetService datasets;

    FakeViewQuery(FakeDatasetService datasets) {
      this.datasets = datasets;
    }

    @Override
    public List<TableRow> rows(String sql, Instant since, PipelineOptions options)
        throws Exception {
      assertThat(sql, containsString("`" + PROJECT + "." + DATASET + ".clusters_latest`"));
      assertThat(sql, containsString("window_start >= @since"));
      List<TableRow> out = new ArrayList<>();
      for (TableRow r : datasets.getAllRows(PROJECT, DATASET, "clusters_latest")) {
        if (!Instant.parse((String) r.get("window_start")).isBefore(since)) {
          out.add(r);
        }
      }
      return out;
    }
  }

  @Before
  public void setUp() throws Exception {
    datasets = BigQueryClusterSinkTest.freshDataset(false);
  }

  void viewHolds(TableRow... rows) throws Exception {
    List<TableFieldSchema> fields = new ArrayList<>();
    for (String c : List.of("window_start", "window_end", "service", "cluster_id", "count")) {
      fields.add(
          new TableFieldSchema()
              .setName(c)
              .setType(
                  c.equals("count") ? "INTEGER" : c.startsWith("window") ? "TIMESTAMP" : "STRING"));
    }
    BigQueryClusterSinkTest.createTable(
        datasets, "clusters_latest", new TableSchema().setFields(fields));
    datasets.insertAll(
        new TableReference()
            .setProjectId(PROJECT)
            .setDatasetId(DATASET)
            .setTableId("clusters_latest"),
        List.of(rows),
        null);
  }

  static TableRow viewRow(Instant start, String cluster, long count) {
    return new TableRow()
        .set("window_start", start.toString())
        .set("window_end", start.plus(1, ChronoUnit.HOURS).toString())
        .set("service", "orders-api")
        .set("cluster_id", cluster)
        .set("count", Long.toString(count));
  }

  static RawRecord exit(long n, Instant at) {
    return RawRecord.of(
        "export",
        n,
        "{\"insertId\":\"i"
            + n
            + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\","
            + "\"revision_name\":\"orders-api-00043-lup\"}},\"severity\":\"ERROR\","
            + "\"labels\":{\"instanceId\":\"inst-1\"},\"textPayload\":\"Container called exit(3).\","
            + "\"timestamp\":\""
            + at
            + "\"}");
  }

  LogGardenerOptions options(int seedDays) throws Exception {
    LogGardenerOptions o = p.getOptions().as(LogGardenerOptions.class);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setInput(Paths.get("..", "samples", "cloud-run-backend-hour.json").toString());
    o.setOutput(tmp.newFolder("out").toString());
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    o.as(GcpOptions.class).setProject(PROJECT);
    o.setSeedHistoryDays(seedDays);
    o.as(HistorySeedOptions.class).setHistorySeedQuery(new FakeViewQuery(datasets));
    return o;
  }

  Outputs run(int seedDays) throws Exception {
    return LogGardenerPipeline.process(
        p.apply(
            "Export",
            Create.of(exit(1, HOUR.plusSeconds(60)), exit(2, HOUR.plusSeconds(120)))
                .withCoder(SerializableCoder.of(RawRecord.class))),
        options(seedDays));
  }

  static PCollection<String> statuses(Outputs out) {
    return out.clusterRows()
        .apply(
            "Status",
            MapElements.into(TypeDescriptors.strings()).via((ClusterRow r) -> r.status().value()));
  }

  static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(GardenerCounters.NAMESPACE, name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  public void aSignatureAnEarlierRunWroteIsOngoingAndNeedsNoIssue() throws Exception {
    viewHolds(viewRow(HOUR.minus(1, ChronoUnit.HOURS), Signer.idOfTemplate(EXIT_TEMPLATE), 4));
    Outputs out = run(7);
    PAssert.that(statuses(out)).containsInAnyOrder("ONGOING");
    PAssert.that(out.issueDrafts()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void withoutTheSeedTheSameRunCallsItNewAndDraftsAnIssue() throws Exception {
    viewHolds(viewRow(HOUR.minus(1, ChronoUnit.HOURS), Signer.idOfTemplate(EXIT_TEMPLATE), 4));
    Outputs out = run(0);
    PAssert.that(statuses(out)).containsInAnyOrder("NEW");
    PAssert.that(
            out.issueDrafts()
                .apply("Paths", MapElements.into(TypeDescriptors.integers()).via(kv -> 1)))
        .containsInAnyOrder(1);
    p.run().waitUntilFinish();
  }

  @Test
  public void aClustersRowsOfOneWindowAddUpAndOlderWindowsAreLeftOut() throws Exception {
    Instant since = HOUR.minus(2, ChronoUnit.DAYS);
    viewHolds(
        viewRow(HOUR.minus(1, ChronoUnit.HOURS), "a", 3),
        viewRow(HOUR.minus(1, ChronoUnit.HOURS), "a", 4),
        viewRow(HOUR.minus(2, ChronoUnit.HOURS), "a", 5),
        viewRow(HOUR.minus(1, ChronoUnit.HOURS), "b", 1),
        viewRow(since.minus(1, ChronoUnit.HOURS), "a", 100));
    PCollection<String> seeds =
        p.apply(
                "Seed",
                HistorySeedFromBigQuery.of(
                    PROJECT + ":" + DATASET + ".clusters", since, new FakeViewQuery(datasets)))
            .apply(
                "Describe",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (ClusterRow r) ->
                            (HOUR.getEpochSecond() - r.windowStart().getEpochSecond()) / 3600
                                + "h ago "
                                + r.groupId()
                                + " "
                                + r.count()
                                + " "
                                + r.paneTiming().value()));
    PAssert.that(seeds).containsInAnyOrder("1h ago a 7 SEED", "2h ago a 5 SEED", "1h ago b 1 SEED");
    p.run().waitUntilFinish();
  }

  @Test(timeout = 300_000)
  public void aFailingSeedReadIsCountedAndTheStreamingHourStillClosesOnTime() throws Exception {
    // No clusters_latest view: what a fresh project, or a job without the grant, meets.
    LogGardenerOptions o = options(7);
    o.setEarlyFiringMinutes(0);
    TestStream<RawRecord> stream =
        TestStream.create(SerializableCoder.of(RawRecord.class))
            .addElements(exit(1, HOUR.plusSeconds(60)), exit(2, HOUR.plusSeconds(120)))
            .advanceWatermarkTo(
                org.joda.time.Instant.ofEpochMilli(HOUR.plus(1, ChronoUnit.HOURS).toEpochMilli()))
            .advanceWatermarkToInfinity();
    Outputs out = LogGardenerPipeline.process(p.apply("Stream", stream), o);
    PAssert.that(
            out.clusterRows()
                .apply(
                    "OnTime",
                    Filter.by(
                        (ClusterRow r) ->
                            r.paneTiming() == dev.loggardener.cluster.PaneTiming.ON_TIME))
                .apply(
                    "Describe",
                    MapElements.into(TypeDescriptors.strings())
                        .via((ClusterRow r) -> r.count() + " " + r.status().value())))
        .containsInAnyOrder("2 NEW");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "history_seed_failed"), is(1L));
    assertThat(counter(result, "history_seed_rows"), is(0L));
  }
}
