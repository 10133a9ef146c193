package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.Test;

/**
 * The DDL is generated from the schema files and the committed copy the set-up script runs is the
 * generator's output; the table layout is what analysts and the view rely on.
 */
public class BigQueryDdlTest {
  static final Path COMMITTED = Paths.get("..", "scripts", "bigquery", "schema.sql");

  @Test
  public void committedDdlIsTheGeneratorsOutput() throws Exception {
    assertThat(
        "scripts/bigquery/schema.sql is stale; regenerate: scripts/gardener ddl > scripts/bigquery/schema.sql",
        Files.readString(COMMITTED, StandardCharsets.UTF_8),
        is(BigQueryDdl.generate("@PROJECT@", "@DATASET@")));
  }

  @Test
  public void clustersArePartitionedByWindowDateAndClusteredByServiceAndSignature() {
    String ddl = BigQueryDdl.generate("p", "d");
    assertThat(ddl, containsString("CREATE TABLE IF NOT EXISTS `p.d.clusters` ("));
    assertThat(
        ddl,
        containsString(")\nPARTITION BY DATE(window_start)\nCLUSTER BY service, signature_id\n"));
    assertThat(ddl, containsString("CREATE TABLE IF NOT EXISTS `p.d.dead_letters` ("));
  }

  @Test
  public void everySchemaColumnIsInTheTableAndNewColumnsAreAddedInPlace() {
    String ddl = BigQueryDdl.generate("p", "d");
    for (String c : BigQuerySchemas.columns(BigQuerySchemas.clusterRowFile())) {
      assertThat(ddl, containsString("\n  " + c + " "));
    }
    assertThat(ddl, containsString("\n  ADD COLUMN IF NOT EXISTS schema_version INT64"));
    assertThat(ddl, containsString("  revisions ARRAY<STRING> "));
    // in the table's one ADD COLUMN statement (see eachTableGetsOneAddColumnStatement...)
    assertThat(ddl, containsString(",\n  ADD COLUMN IF NOT EXISTS group_id STRING"));
    assertThat(ddl, containsString(",\n  ADD COLUMN IF NOT EXISTS group_member_ids ARRAY<STRING>"));
    assertThat(ddl, containsString("  window_start TIMESTAMP NOT NULL "));
  }

  @Test
  public void theLatestViewKeepsEachRunsLatestRowPerWindowServiceAndGroup() {
    String ddl = BigQueryDdl.generate("p", "d");
    assertThat(ddl, containsString("CREATE OR REPLACE VIEW `p.d.clusters_latest`"));
    // rows written before schema version 3 have no group_id: they are their signature's group;
    // within a run, the last emission wins (rows before version 4: pane, then time)
    assertThat(
        ddl,
        containsString(
            "    PARTITION BY window_start, service, COALESCE(group_id, signature_id), COALESCE(run_id, '')\n"
                + "    ORDER BY emit_seq DESC, pane_index DESC, emitted_at DESC) = 1"));
  }

  /**
   * The view keeps the streaming contract (docs/streaming.md): streamed lineages' latest rows add
   * up, the newest backfill of a (window, service) replaces every other row there, and a cluster
   * whose latest rows are tombstones has no row. sql-check runs it on ZetaSQL.
   */
  @Test
  public void theLatestViewAddsStreamedLineagesLetsABackfillReplaceThemAndDropsTombstones() {
    String ddl = BigQueryDdl.generate("p", "d");
    assertThat(
        ddl,
        containsString(
            "MAX(IF(run_kind = 'BATCH', run_id, NULL)) OVER (PARTITION BY window_start, service)"));
    assertThat(ddl, containsString("WHERE backfill_run IS NULL OR run_id = backfill_run"));
    assertThat(
        ddl,
        containsString(
            "SUM(count) OVER (PARTITION BY window_start, service, COALESCE(group_id, signature_id))"
                + " AS total"));
    assertThat(
        ddl,
        containsString(
            "  ORDER BY superseded_by IS NULL DESC, run_id DESC, emitted_at DESC,\n"
                + "    emit_seq DESC, pane_index DESC) = 1\n  AND superseded_by IS NULL;"));
    assertThat(ddl, containsString("ADD COLUMN IF NOT EXISTS run_id STRING"));
    assertThat(ddl, containsString("ADD COLUMN IF NOT EXISTS superseded_by STRING"));
  }

  @Test
  public void eachTableGetsOneAddColumnStatementListingEveryAdditiveColumn() {
    String ddl = BigQueryDdl.generate("p", "d");
    assertThat(occurrences(ddl, "ALTER TABLE `p.d.clusters`\n  ADD COLUMN IF NOT EXISTS "), is(1));
    assertThat(
        occurrences(ddl, "ALTER TABLE `p.d.dead_letters`\n  ADD COLUMN IF NOT EXISTS "), is(1));
    assertThat(ddl, containsString("\n  ADD COLUMN IF NOT EXISTS resource_type STRING "));
    assertThat(ddl, containsString(",\n  ADD COLUMN IF NOT EXISTS recent_counts ARRAY<INT64> "));
    assertThat(ddl, not(containsString("` ADD COLUMN")));
  }

  @Test
  public void bothTablesRequireAPartitionFilterAndDropPartitionsAfter400DaysByDefault() {
    String ddl = BigQueryDdl.generate("p", "d");
    String options = "require_partition_filter=TRUE, partition_expiration_days=400";
    assertThat("in CREATE and in SET OPTIONS of both tables", occurrences(ddl, options), is(4));
    assertThat(ddl, containsString("ALTER TABLE `p.d.clusters` SET OPTIONS(" + options + ");"));
    assertThat(ddl, containsString("ALTER TABLE `p.d.dead_letters` SET OPTIONS(" + options + ");"));
  }

  @Test
  public void thePartitionExpiryIsConfigurableAndZeroKeepsPartitionsForever() {
    assertThat(
        BigQueryDdl.generate("p", "d", 30),
        containsString(
            "SET OPTIONS(require_partition_filter=TRUE, partition_expiration_days=30);"));
    assertThat(
        BigQueryDdl.generate("p", "d", 0),
        containsString(
            "SET OPTIONS(require_partition_filter=TRUE, partition_expiration_days=NULL);"));
  }

  @Test(expected = IllegalArgumentException.class)
  public void aNegativeExpiryIsRejected() {
    BigQueryDdl.generate("p", "d", -1);
  }

  static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
