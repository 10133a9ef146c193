package dev.loggardener.sqlcheck;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.common.collect.ImmutableList;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedQuery;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.TableContent;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * The {@code clusters_latest} view of the committed {@code scripts/bigquery/schema.sql}, run by
 * ZetaSQL's reference implementation (BigQuery's dialect) over rows of several runs: a drained job
 * and its relaunch each counted part of an hour, so their counts add up; a backfill recounted the
 * hour, so its row wins; rows written before schema version 4 (no run) keep their latest pane. The
 * view before this change ordered by pane_index alone and gave one job's partial count (8 instead
 * of 11 below).
 */
public class ClustersLatestViewTest {
  private static final Type STRING = TypeFactory.createSimpleType(TypeKind.TYPE_STRING);
  private static final Type INT64 = TypeFactory.createSimpleType(TypeKind.TYPE_INT64);
  private static final Type TIMESTAMP = TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP);
  private static final long HOUR_MICROS = 1_758_000_000_000_000L / 3_600_000_000L * 3_600_000_000L;

  /** The view's query, reading the table {@code clusters}. */
  static String viewQuery() throws Exception {
    String ddl =
        Files.readString(
            SqlFilesTest.ROOT.resolve("scripts/bigquery/schema.sql"), StandardCharsets.UTF_8);
    int view = ddl.indexOf("CREATE OR REPLACE VIEW ");
    int as = ddl.indexOf("\nAS\n", view) + 4;
    int end = ddl.indexOf(";", as);
    return ddl.substring(as, end).replace("`@PROJECT@.@DATASET@.clusters`", "clusters");
  }

  private static final String[] COLUMNS = {
    "window_start",
    "service",
    "signature_id",
    "group_id",
    "count",
    "pane_index",
    "emitted_at",
    "run_id",
    "run_kind",
    "emit_seq",
    "superseded_by"
  };

  private static List<Value> row(
      String group,
      long count,
      long pane,
      long emittedMinute,
      String runId,
      String runKind,
      Long emitSeq) {
    return row(group, group, count, pane, emittedMinute, runId, runKind, emitSeq, null);
  }

  /**
   * A row of {@code group} in service {@code service}; a tombstone when {@code supersededBy} is
   * set.
   */
  private static List<Value> row(
      String service,
      String group,
      long count,
      long pane,
      long emittedMinute,
      String runId,
      String runKind,
      Long emitSeq,
      String supersededBy) {
    return List.of(
        Value.createTimestampValueFromUnixMicros(HOUR_MICROS),
        Value.createStringValue(service),
        Value.createStringValue(group + "-heaviest"),
        Value.createStringValue(group),
        Value.createInt64Value(count),
        Value.createInt64Value(pane),
        Value.createTimestampValueFromUnixMicros(HOUR_MICROS + emittedMinute * 60_000_000L),
        runId == null ? Value.createNullValue(STRING) : Value.createStringValue(runId),
        runKind == null ? Value.createNullValue(STRING) : Value.createStringValue(runKind),
        emitSeq == null ? Value.createNullValue(INT64) : Value.createInt64Value(emitSeq),
        supersededBy == null
            ? Value.createNullValue(STRING)
            : Value.createStringValue(supersededBy));
  }

  /** Cluster to count, as the view gives them. */
  static Map<String, Long> latestCounts(List<List<Value>> rows) throws Exception {
    List<SimpleColumn> columns = new ArrayList<>();
    Type[] types = {
      TIMESTAMP, STRING, STRING, STRING, INT64, INT64, TIMESTAMP, STRING, STRING, INT64, STRING
    };
    for (int i = 0; i < COLUMNS.length; i++) {
      columns.add(new SimpleColumn("clusters", COLUMNS[i], types[i]));
    }
    SimpleCatalog catalog = new SimpleCatalog("test");
    catalog.addSimpleTable(new SimpleTable("clusters", columns));
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(BigQueryScript.languageOptions());
    catalog.addZetaSQLFunctionsAndTypes(
        new ZetaSQLBuiltinFunctionOptions(options.getLanguageOptions()));
    List<List<Value>> data = new ArrayList<>(rows);
    Map<String, Long> out = new TreeMap<>();
    try (PreparedQuery q =
        PreparedQuery.builder()
            .setSql(viewQuery())
            .setAnalyzerOptions(options)
            .setCatalog(catalog)
            .setTablesContents(Map.of("clusters", TableContent.create(data)))
            .prepare()) {
      ImmutableList<SimpleColumn> outColumns = q.getColumns();
      int group = -1;
      int count = -1;
      for (int i = 0; i < outColumns.size(); i++) {
        group = outColumns.get(i).getName().equals("group_id") ? i : group;
        count = outColumns.get(i).getName().equals("count") ? i : count;
      }
      for (List<Value> r : q.execute(Map.of()).getTableData()) {
        String g = r.get(group).getStringValue();
        assertThat("one row per cluster: " + g, out.containsKey(g), is(false));
        out.put(g, r.get(count).getInt64Value());
      }
    }
    return out;
  }

  @Test
  public void relaunchedRunsAddUpABackfillReplacesThemAndOldRowsKeepTheirLatestPane()
      throws Exception {
    List<List<Value>> rows = new ArrayList<>();
    // drained: its latest row says 8 (emit_seq 2); the relaunch counted 3 more, its panes from 0
    rows.add(row("drained", 5, 0, 5, "20250916T0000Z-a", "STREAM", 1L));
    rows.add(row("drained", 8, 1, 10, "20250916T0000Z-a", "STREAM", 2L));
    rows.add(row("drained", 3, 0, 50, "20250916T0130Z-b", "STREAM", 1L));
    // a cascade-only change: same pane and count, a later emission; and a duplicate delivery
    rows.add(row("recascaded", 4, 2, 20, "20250916T0000Z-a", "STREAM", 3L));
    rows.add(row("recascaded", 4, 2, 20, "20250916T0000Z-a", "STREAM", 3L));
    // two streamed runs, then a backfill of the hour from an export: the backfill's count
    rows.add(row("backfilled", 7, 3, 40, "20250916T0000Z-a", "STREAM", 4L));
    rows.add(row("backfilled", 4, 0, 55, "20250916T0130Z-b", "STREAM", 1L));
    rows.add(row("backfilled", 12, 0, 59, "20250917T0900Z-c", "BATCH", 1L));
    // written before schema version 4: no run, no emit_seq
    rows.add(row("old", 2, 0, 5, null, null, null));
    rows.add(row("old", 6, 1, 9, null, null, null));

    Map<String, Long> counts = latestCounts(rows);
    assertThat(counts, is(Map.of("drained", 11L, "recascaded", 4L, "backfilled", 12L, "old", 6L)));
  }

  @Test
  public void aTombstoneTakesItsClusterOutAndTheGroupHoldsItsEntries() throws Exception {
    List<List<Value>> rows = new ArrayList<>();
    // early panes showed two fine signatures; the on-time pane learned their group
    rows.add(row("svc", "alice", 2, 0, 5, "run-a", "STREAM", 1L, null));
    rows.add(row("svc", "bob", 1, 0, 5, "run-a", "STREAM", 1L, null));
    rows.add(row("svc", "group", 8, 1, 60, "run-a", "STREAM", 1L, null));
    rows.add(row("svc", "alice", 0, 1, 60, "run-a", "STREAM", 2L, "group"));
    rows.add(row("svc", "bob", 0, 1, 60, "run-a", "STREAM", 2L, "group"));
    assertThat(latestCounts(rows), is(Map.of("group", 8L)));
  }

  @Test
  public void anUpdatedJobKeepsItsLineageSoItsRowsReplaceInsteadOfAdding() throws Exception {
    List<List<Value>> rows = new ArrayList<>();
    // 8 before an in-place update, 12 after: the window's lineage and emit_seq carry on
    rows.add(row("svc", "exit", 8, 1, 20, "run-a", "STREAM", 2L, null));
    rows.add(row("svc", "exit", 12, 0, 50, "run-a", "STREAM", 3L, null));
    assertThat(latestCounts(rows), is(Map.of("exit", 12L)));
  }

  @Test
  public void aBackfillReplacesTheWholeServiceWindowWhateverItsGroups() throws Exception {
    List<List<Value>> rows = new ArrayList<>();
    // the stream saw two fine signatures; the backfill learned them as one group
    rows.add(row("svc", "alice", 6, 1, 60, "run-a", "STREAM", 2L, null));
    rows.add(row("svc", "bob", 4, 1, 60, "run-a", "STREAM", 2L, null));
    rows.add(row("svc", "group", 10, 0, 90, "run-b", "BATCH", 1L, null));
    // an older backfill of the same hour is replaced too
    rows.add(row("svc", "group", 7, 0, 80, "run-0", "BATCH", 1L, null));
    assertThat(latestCounts(rows), is(Map.of("group", 10L)));
  }
}
