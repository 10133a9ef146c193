package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.model.DeadLetter;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Cluster rows reach BigQuery through Beam's fake services with every schema column; a row BigQuery
 * rejects, and a row over the size cap, come back as dead letters that keep the row.
 */
public class BigQueryClusterSinkTest {
  static final String PROJECT = "acme-prod";
  static final String DATASET = "log_gardener";
  static final String TABLE = PROJECT + ":" + DATASET + ".clusters";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private FakeDatasetService datasets;
  private FakeBigQueryServices services;

  @Before
  public void setUp() throws Exception {
    datasets = freshDataset(true);
    services = fakeServices(datasets);
  }

  /**
   * Beam's fake dataset service, reset, holding the dataset with a {@code clusters} table (and
   * {@code dead_letters} when asked): the set-up every BigQuery test here starts from.
   */
  static FakeDatasetService freshDataset(boolean withDeadLetters) throws Exception {
    FakeDatasetService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    datasets.createDataset(PROJECT, DATASET, "", "", null);
    createTable(datasets, "clusters", BigQuerySchemas.clusterRows());
    if (withDeadLetters) {
      createTable(datasets, "dead_letters", BigQuerySchemas.deadLetters());
    }
    return datasets;
  }

  /** Fake BigQuery services over {@code datasets}, with a fake job service. */
  static FakeBigQueryServices fakeServices(FakeDatasetService datasets) {
    return new FakeBigQueryServices()
        .withDatasetService(datasets)
        .withJobService(new FakeJobService());
  }

  static void createTable(FakeDatasetService datasets, String table, TableSchema schema)
      throws Exception {
    datasets.createTable(
        new Table()
            .setTableReference(
                new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(table))
            .setSchema(schema));
  }

  static ClusterRow row(String signatureId, String sample) {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-06-03T14:00:00Z"))
        .windowEnd(Instant.parse("2025-06-03T15:00:00Z"))
        .service("orders-api")
        .resourceType("cloud_run_revision")
        .signatureId(signatureId)
        .signature("Container called exit(<*>).")
        .groupId(signatureId) // as the grouping stage sets it for a group of one
        .groupTemplate("Container called exit(<*>).")
        .groupMemberIds(java.util.List.of(signatureId))
        .groupValues(java.util.List.of("3 ×1"))
        .sigVersion(1)
        .count(3)
        .severity("WARNING")
        .priority("P0")
        .priorityReason("container exit")
        .firstSeen(Instant.parse("2025-06-03T14:03:22.168843Z"))
        .lastSeen(Instant.parse("2025-06-03T14:05:00Z"))
        .sampleMessage(sample)
        .sampleInsertId("683f0c6a0009a8b7c6d5e4f3")
        .sampleTrace("")
        .revisions(List.of("orders-api-00043-lup"))
        .recentCounts(List.of(0L, 3L, 9L))
        .logNames(List.of("projects/acme-prod/logs/run.googleapis.com%2Fvarlog%2Fsystem"))
        .instanceCount(1)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .emittedAt(Instant.parse("2025-06-03T15:00:01Z"))
        .runId("20250603T140000Z-0a1b2c3d") // as EmitChangedRows sets them
        .runKind("STREAM")
        .emitSeq(1)
        .supersededBy("fedcba9876543210") // only tombstones have it; set here so it is written
        .build();
  }

  /** Fails the rows whose signature id is "rejected"; serializable, as the fake is shipped. */
  static final class FailRejected implements Function<TableRow, Boolean>, Serializable {
    @Override
    public Boolean apply(TableRow r) {
      return "rejected".equals(r.get("signature_id"));
    }
  }

  PCollection<DeadLetter> write(int maxRowBytes, ClusterRow... rows) {
    return p.apply(Create.of(List.of(rows)).withCoder(ClusterRowCoder.of()))
        .apply(
            "WriteClustersToBigQuery",
            BigQueryClusterSink.to(
                TABLE,
                BigQueryWriteSettings.of("STORAGE_WRITE_API", 60).withTestServices(services),
                maxRowBytes));
  }

  List<TableRow> tableRows(String table) throws Exception {
    return new ArrayList<>(datasets.getAllRows(PROJECT, DATASET, table));
  }

  @Test
  public void writesEveryColumnOfTheSchemaFile() throws Exception {
    PAssert.that(write(1_000_000, row("0123456789abcdef", "Container called exit(3)."))).empty();
    p.run().waitUntilFinish();

    List<TableRow> rows = tableRows("clusters");
    assertThat(rows, hasSize(1));
    assertThat(
        new ArrayList<>(rows.get(0).keySet()),
        containsInAnyOrder(BigQuerySchemas.columns(BigQuerySchemas.clusterRowFile()).toArray()));
    assertThat(rows.get(0).get("signature_id"), is("0123456789abcdef"));
    assertThat(String.valueOf(rows.get(0).get("schema_version")), is("6"));
  }

  @Test
  public void aRowBigQueryRejectsBecomesADeadLetterKeepingTheRow() throws Exception {
    datasets.setShouldFailRow(new FailRejected());
    PCollection<DeadLetter> unwritten =
        write(1_000_000, row("0123456789abcdef", "fine"), row("rejected", "bad row"));
    PAssert.that(unwritten)
        .satisfies(
            dls -> {
              List<DeadLetter> all = new ArrayList<>();
              dls.forEach(all::add);
              assertThat(all, hasSize(1));
              DeadLetter d = all.get(0);
              assertThat(d.source, is("bigquery:" + TABLE));
              assertThat(d.stage, is("write_bigquery"));
              assertThat(d.reason, is("bigquery_insert_failed"));
              assertThat(d.raw, containsString("\"signature_id\":\"rejected\""));
              return null;
            });
    p.run().waitUntilFinish();

    List<String> written = new ArrayList<>();
    tableRows("clusters").forEach(r -> written.add((String) r.get("signature_id")));
    assertThat(written, contains("0123456789abcdef"));
  }

  @Test
  public void aRowOverTheSizeCapNeverLeavesAndIsDeadLettered() throws Exception {
    PCollection<DeadLetter> unwritten =
        write(2_000, row("0123456789abcdef", "x".repeat(5_000)), row("small", "ok"));
    PAssert.that(unwritten)
        .satisfies(
            dls -> {
              List<String> reasons = new ArrayList<>();
              dls.forEach(d -> reasons.add(d.reason + " " + d.detail));
              assertThat(reasons, hasSize(1));
              assertThat(reasons.get(0), containsString("row_too_large row of "));
              return null;
            });
    p.run().waitUntilFinish();
    assertThat(tableRows("clusters"), hasSize(1));
  }

  @Test(expected = IllegalArgumentException.class)
  public void onlyTheStorageApiMethodsAreAccepted() {
    BigQueryWriteSettings.parseMethod("STREAMING_INSERTS");
  }
}
