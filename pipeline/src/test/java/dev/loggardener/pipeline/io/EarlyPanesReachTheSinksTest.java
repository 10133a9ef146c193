package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * With {@code --earlyFiringMinutes}, an early pane's row reaches the BigQuery table and the report
 * sink while its window is still open. A probe on the source branch takes a snapshot of the (fake)
 * table and of the report prefix when the watermark reaches the window's end; the DirectRunner only
 * moves a {@code TestStream} on when everything before is processed, so the snapshot shows what the
 * early firings delivered. Before the fix, the grouping and history stages held every row until
 * that moment, and the snapshot was empty.
 */
public class EarlyPanesReachTheSinksTest {
  static final String PROJECT = BigQueryClusterSinkTest.PROJECT;
  static final String DATASET = BigQueryClusterSinkTest.DATASET;
  static final Instant HOUR = Instant.parse("2025-06-03T14:00:00Z");

  /** What the sinks held when the watermark reached the window's end; filled by the probe. */
  static final List<String> AT_WINDOW_END = new CopyOnWriteArrayList<>();

  static volatile String reportRoot;

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private FakeBigQueryServices services;

  @Before
  public void setUp() throws Exception {
    FakeDatasetService datasets = BigQueryClusterSinkTest.freshDataset(false);
    services = BigQueryClusterSinkTest.fakeServices(datasets);
    AT_WINDOW_END.clear();
  }

  static RawRecord exit(long n, String ts) {
    return RawRecord.of(
        "stream",
        n,
        "{\"insertId\":\"i"
            + n
            + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\","
            + "\"revision_name\":\"orders-api-00043-lup\"}},\"severity\":\"ERROR\","
            + "\"labels\":{\"instanceId\":\"inst-1\"},\"textPayload\":\"Container called exit(3).\","
            + "\"timestamp\":\""
            + ts
            + "\"}");
  }

  /** Snapshots the sinks when its input's watermark reaches the end of the window under test. */
  static final class SnapshotAtWindowEnd extends DoFn<KV<String, String>, Void> {
    @TimerId("end")
    private final TimerSpec endSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @ProcessElement
    public void process(@TimerId("end") Timer end) {
      end.set(HOUR.plus(Duration.standardHours(1)));
    }

    @OnTimer("end")
    public void onEnd() throws Exception {
      for (TableRow r : new FakeDatasetService().getAllRows(PROJECT, DATASET, "clusters")) {
        AT_WINDOW_END.add(
            "bigquery " + r.get("service") + " " + r.get("count") + " " + r.get("pane_timing"));
      }
      for (String f : GoogleCloudSinksTest.files(Paths.get(reportRoot))) {
        // the entries-read count alone made an early report before: it must list the cluster
        String md = GoogleCloudSinksTest.read(Paths.get(reportRoot).resolve(f));
        AT_WINDOW_END.add(
            "report "
                + f
                + (md.contains("Container called exit")
                    ? " with the cluster"
                    : " without clusters"));
      }
    }
  }

  @Test
  public void anEarlyPanesRowReachesBigQueryAndTheReportsBeforeTheWindowCloses() throws Exception {
    Path out = tmp.newFolder("out").toPath();
    reportRoot = tmp.getRoot().toPath().resolve("bucket/reports").toString();
    LogGardenerOptions o = p.getOptions().as(LogGardenerOptions.class);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setInput(Paths.get("..", "samples", "cloud-run-backend-hour.json").toString());
    o.setOutput(out.toString());
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    o.setReportPrefix(reportRoot);
    o.setEarlyFiringMinutes(5);
    o.setBigQueryTriggeringFrequencySeconds(5);

    TestStream.Builder<RawRecord> b =
        TestStream.create(SerializableCoder.of(RawRecord.class))
            .addElements(exit(1, "2025-06-03T14:03:22Z"), exit(2, "2025-06-03T14:04:00Z"))
            .advanceProcessingTime(Duration.standardMinutes(6)); // the aggregation's early pane
    // Each stage after it gathers for seconds of processing time; give every one its turn.
    for (int i = 0; i < 12; i++) {
      b = b.advanceProcessingTime(Duration.standardMinutes(1));
    }
    TestStream<RawRecord> stream =
        b.advanceWatermarkTo(HOUR.plus(Duration.standardHours(1)))
            .addElements(exit(3, "2025-06-03T14:50:00Z"))
            .advanceWatermarkToInfinity();

    PCollection<RawRecord> records = p.apply("Stream", stream);
    records
        .apply(
            "ProbeKey",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(r -> KV.of("probe", "")))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("SnapshotAtWindowEnd", ParDo.of(new SnapshotAtWindowEnd()));
    Outputs outputs = LogGardenerPipeline.process(records, o);
    GoogleCloudSinks.write(outputs, o, services);
    p.run().waitUntilFinish();

    List<String> seen = new ArrayList<>(AT_WINDOW_END);
    assertThat(seen.toString(), seen, hasItem("bigquery orders-api 2 EARLY"));
    // the entries-read count and the rows reach the report in their own firings: one of the
    // window's early reports lists the cluster
    assertThat(
        seen.toString(),
        seen.stream()
            .anyMatch(
                s -> s.matches("report orders-api/20250603T1400Z_pane-\\d+\\.md with the cluster")),
        org.hamcrest.Matchers.is(true));
  }
}
