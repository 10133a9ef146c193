package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableReference;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.signature.Signer;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A fresh launch starts its history from what earlier runs wrote to the
 * BigQuery table (Beam's fake services here), so a signature seen in the previous hour is ONGOING,
 * not NEW, and needs no issue. With {@code --seedHistoryDays=0} (what every launch did before)
 * the same run calls it NEW and drafts an issue: the second test.
 */
public class HistorySeedTest {
  static final String PROJECT = BigQueryClusterSinkTest.PROJECT;
  static final String DATASET = BigQueryClusterSinkTest.DATASET;
  static final String EXIT_TEMPLATE = "Container called exit(<*>).";
  /** Entries in the current hour, so the previous hour is within the seed's days. */
  static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private FakeBigQueryServices services;

  @Before
  public void setUp() throws Exception {
    FakeDatasetService datasets = BigQueryClusterSinkTest.freshDataset(false);
    String id = Signer.idOfTemplate(EXIT_TEMPLATE);
    // what the job wrote for the previous hour before it was relaunched
    datasets.insertAll(
        new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId("clusters"),
        List.of(forTheFake(BigQueryRows.clusterRow(ClusterRowJson.toJson(earlierRun(id))))),
        null);
    services = BigQueryClusterSinkTest.fakeServices(datasets);
  }

  /** The fake's export writes TIMESTAMP columns to Avro from epoch microseconds. */
  static com.google.api.services.bigquery.model.TableRow forTheFake(
      com.google.api.services.bigquery.model.TableRow t) {
    for (String c : List.of("window_start", "window_end", "first_seen", "last_seen", "emitted_at")) {
      t.set(c, Instant.parse((String) t.get(c)).toEpochMilli() * 1000L);
    }
    return t;
  }

  /** Every column set: the fake's export writes Avro and wants each field. */
  static ClusterRow earlierRun(String id) {
    Instant start = HOUR.minus(1, ChronoUnit.HOURS);
    return ClusterRow.builder()
        .windowStart(start).windowEnd(HOUR).service("orders-api").resourceType("cloud_run_revision")
        .signatureId(id).signature(EXIT_TEMPLATE).sigVersion(Signer.VERSION).count(4)
        .severity("ERROR").priority("P0").priorityReason("container exit")
        .firstSeen(start.plusSeconds(600)).lastSeen(start.plusSeconds(1200))
        .sampleMessage("Container called exit(3).").sampleInsertId("i0").sampleTrace("t")
        .revisions(List.of("orders-api-00043-lup")).logNames(List.of("projects/p/logs/x"))
        .instanceCount(1).paneIndex(0).paneTiming("ON_TIME").isFinal(true).emittedAt(HOUR)
        .rootCauseSignatureId(id).cascadeId("c").status("NEW").trackingIssue("u")
        .recentCounts(List.of(4L)).cascadeParentSignatureId("p").cascadeEvidence("e")
        .groupId(id).groupTemplate(EXIT_TEMPLATE).groupMemberIds(List.of(id))
        .runId("20250101T000000Z-00000000").runKind("STREAM").emitSeq(1)
        .build();
  }

  static RawRecord exit(long n, Instant at) {
    return RawRecord.of("export", n,
        "{\"insertId\":\"i" + n + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\","
            + "\"revision_name\":\"orders-api-00043-lup\"}},\"severity\":\"ERROR\","
            + "\"labels\":{\"instanceId\":\"inst-1\"},\"textPayload\":\"Container called exit(3).\","
            + "\"timestamp\":\"" + at + "\"}");
  }

  Outputs run(int seedDays) throws Exception {
    LogGardenerOptions o = p.getOptions().as(LogGardenerOptions.class);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setInput(Paths.get("..", "samples", "cloud-run-backend-hour.json").toString());
    o.setOutput(tmp.newFolder("out").toString());
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    o.setTempLocation(tmp.newFolder("temp").toString());
    o.as(GcpOptions.class).setProject(PROJECT);
    o.setSeedHistoryDays(seedDays);
    return LogGardenerPipeline.process(
        p.apply(
            "Export",
            Create.of(exit(1, HOUR.plusSeconds(60)), exit(2, HOUR.plusSeconds(120)))
                .withCoder(SerializableCoder.of(RawRecord.class))),
        o,
        services);
  }

  @Test
  public void aSignatureAnEarlierRunWroteIsOngoingAndNeedsNoIssue() throws Exception {
    Outputs out = run(7);
    PAssert.that(
            out.clusterRows().apply(
                "Status", MapElements.into(TypeDescriptors.strings()).via((ClusterRow r) -> r.status().value())))
        .containsInAnyOrder("ONGOING");
    PAssert.that(out.issueDrafts()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void withoutTheSeedTheSameRunCallsItNewAndDraftsAnIssue() throws Exception {
    Outputs out = run(0);
    PAssert.that(
            out.clusterRows().apply(
                "Status", MapElements.into(TypeDescriptors.strings()).via((ClusterRow r) -> r.status().value())))
        .containsInAnyOrder("NEW");
    PAssert.that(
            out.issueDrafts().apply(
                "Paths", MapElements.into(TypeDescriptors.integers()).via(kv -> 1)))
        .containsInAnyOrder(1);
    p.run().waitUntilFinish();
  }
}
