package dev.loggardener.sqlcheck;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * The history seed query a launch runs ({@code history-seed.sql} in the pipeline module) on
 * ZetaSQL, over the committed {@code clusters_latest} view over a table with every column of the
 * cluster row schema: a cluster's seed count is the count the view gives it (relaunched runs added
 * up, a backfill replacing them), windows before {@code @since} are left out, and the filter is on
 * the partitioning column.
 */
public class HistorySeedQueryTest {
  private static final long HOUR = 3_600_000_000L;
  private static final long SINCE = 1_758_000_000_000_000L / HOUR * HOUR;

  static String seedQuery() throws Exception {
    String sql =
        Files.readString(
            SqlFilesTest.ROOT.resolve(
                "pipeline/src/main/resources/dev/loggardener/pipeline/io/history-seed.sql"),
            StandardCharsets.UTF_8);
    return sql.replace("`@VIEW@`", "(\n" + ClustersLatestViewTest.viewQuery() + "\n)");
  }

  /** The table's columns, from the schema file every sink writes by. */
  static List<SimpleColumn> columns() throws Exception {
    JsonNode schema =
        new ObjectMapper()
            .readTree(SqlFilesTest.SCHEMAS.resolve("cluster_row.schema.json").toFile());
    List<SimpleColumn> out = new ArrayList<>();
    for (JsonNode f : schema.path("fields")) {
      Type t =
          TypeFactory.createSimpleType(
              switch (f.path("type").asText()) {
                case "INTEGER" -> TypeKind.TYPE_INT64;
                case "TIMESTAMP" -> TypeKind.TYPE_TIMESTAMP;
                case "BOOLEAN" -> TypeKind.TYPE_BOOL;
                default -> TypeKind.TYPE_STRING;
              });
      if (f.path("mode").asText().equals("REPEATED")) {
        t = TypeFactory.createArrayType(t);
      }
      out.add(new SimpleColumn("clusters", f.path("name").asText(), t));
    }
    return out;
  }

  static Map<String, Value> row(
      long windowStart,
      String group,
      long count,
      long emittedMinute,
      String runId,
      String runKind,
      long emitSeq) {
    Map<String, Value> r = new HashMap<>();
    r.put("window_start", Value.createTimestampValueFromUnixMicros(windowStart));
    r.put("window_end", Value.createTimestampValueFromUnixMicros(windowStart + HOUR));
    r.put("service", Value.createStringValue("orders-api"));
    r.put("signature_id", Value.createStringValue(group + "-heaviest"));
    r.put("group_id", Value.createStringValue(group));
    r.put("count", Value.createInt64Value(count));
    r.put("pane_index", Value.createInt64Value(emitSeq - 1));
    r.put(
        "emitted_at",
        Value.createTimestampValueFromUnixMicros(windowStart + emittedMinute * 60_000_000L));
    r.put("run_id", Value.createStringValue(runId));
    r.put("run_kind", Value.createStringValue(runKind));
    r.put("emit_seq", Value.createInt64Value(emitSeq));
    return r;
  }

  /** "window-hours-after-since group" to seed count. */
  static Map<String, Long> seed(List<Map<String, Value>> rows) throws Exception {
    List<SimpleColumn> columns = columns();
    List<List<Value>> data = new ArrayList<>();
    for (Map<String, Value> r : rows) {
      List<Value> values = new ArrayList<>();
      for (SimpleColumn c : columns) {
        values.add(r.getOrDefault(c.getName(), Value.createNullValue(c.getType())));
      }
      data.add(values);
    }
    SimpleCatalog catalog = new SimpleCatalog("test");
    catalog.addSimpleTable(new SimpleTable("clusters", columns));
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(BigQueryScript.languageOptions());
    options.addQueryParameter("since", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP));
    catalog.addZetaSQLFunctionsAndTypes(
        new ZetaSQLBuiltinFunctionOptions(options.getLanguageOptions()));
    Map<String, Long> out = new TreeMap<>();
    try (PreparedQuery q =
        PreparedQuery.builder()
            .setSql(seedQuery())
            .setAnalyzerOptions(options)
            .setCatalog(catalog)
            .setTablesContents(Map.of("clusters", TableContent.create(data)))
            .prepare()) {
      ImmutableList<SimpleColumn> outColumns = q.getColumns();
      Map<String, Integer> at = new HashMap<>();
      for (int i = 0; i < outColumns.size(); i++) {
        at.put(outColumns.get(i).getName(), i);
      }
      for (List<Value> r :
          q.execute(Map.of("since", Value.createTimestampValueFromUnixMicros(SINCE)))
              .getTableData()) {
        long hours = (r.get(at.get("window_start")).getTimestampUnixMicros() - SINCE) / HOUR;
        String key = hours + " " + r.get(at.get("cluster_id")).getStringValue();
        assertThat("one seed row per window and cluster: " + key, out.containsKey(key), is(false));
        assertThat(
            r.get(at.get("window_end")).getTimestampUnixMicros()
                - r.get(at.get("window_start")).getTimestampUnixMicros(),
            is(HOUR));
        out.put(key, r.get(at.get("count")).getInt64Value());
      }
    }
    return out;
  }

  @Test
  public void theSeedCountIsTheViewsCountAndOlderWindowsAreLeftOut() throws Exception {
    List<Map<String, Value>> rows = new ArrayList<>();
    // drained after two panes (latest 8), relaunched and counted 3 more: the view says 11
    rows.add(row(SINCE, "drained", 5, 5, "20250916T0000Z-a", "STREAM", 1));
    rows.add(row(SINCE, "drained", 8, 10, "20250916T0000Z-a", "STREAM", 2));
    rows.add(row(SINCE, "drained", 3, 50, "20250916T0130Z-b", "STREAM", 1));
    // streamed 7, then backfilled from an export: the backfill's 12
    rows.add(row(SINCE + HOUR, "backfilled", 7, 40, "20250916T0000Z-a", "STREAM", 4));
    rows.add(row(SINCE + HOUR, "backfilled", 12, 59, "20250917T0900Z-c", "BATCH", 1));
    // a window before the seed's first day
    rows.add(row(SINCE - HOUR, "drained", 40, 5, "20250915T0000Z-z", "STREAM", 1));
    assertThat(seed(rows), is(Map.of("0 drained", 11L, "1 backfilled", 12L)));
  }

  @Test
  public void theQueryFiltersOnThePartitioningColumnAgainstItsParameter() throws Exception {
    String sql =
        Files.readString(
            SqlFilesTest.ROOT.resolve(
                "pipeline/src/main/resources/dev/loggardener/pipeline/io/history-seed.sql"),
            StandardCharsets.UTF_8);
    assertThat(sql.contains("WHERE window_start >= @since"), is(true));
    assertThat(sql.contains("FROM `@VIEW@`"), is(true));
  }
}
