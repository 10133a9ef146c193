package dev.loggardener.sqlcheck;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The committed {@code clusters_latest} view, on ZetaSQL, over the rows each scenario of the
 * pipeline module's {@code StreamingContractScenariosTest} left in Beam's fake BigQuery table: per
 * (window, service, cluster), the view's count equals the generator's, and it has no row the
 * generator did not make. The pipeline module's tests write the rows (under {@code
 * pipeline/target/streaming-scenarios}); a full build runs them first.
 */
public class StreamingScenariosViewTest {
  static final Path DUMPS = SqlFilesTest.ROOT.resolve("pipeline/target/streaming-scenarios");

  private static final Type STRING = TypeFactory.createSimpleType(TypeKind.TYPE_STRING);
  private static final Type INT64 = TypeFactory.createSimpleType(TypeKind.TYPE_INT64);
  private static final Type BOOL = TypeFactory.createSimpleType(TypeKind.TYPE_BOOL);
  private static final Type TIMESTAMP = TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP);
  private static final Type STRINGS = TypeFactory.createArrayType(STRING);

  /** The columns the view reads or a check looks at, with their BigQuery types. */
  static final Map<String, Type> COLUMNS = new java.util.LinkedHashMap<>();

  static {
    COLUMNS.put("window_start", TIMESTAMP);
    COLUMNS.put("service", STRING);
    COLUMNS.put("signature_id", STRING);
    COLUMNS.put("group_id", STRING);
    COLUMNS.put("group_member_ids", STRINGS);
    COLUMNS.put("count", INT64);
    COLUMNS.put("priority", STRING);
    COLUMNS.put("status", STRING);
    COLUMNS.put("pane_index", INT64);
    COLUMNS.put("pane_timing", STRING);
    COLUMNS.put("is_final", BOOL);
    COLUMNS.put("emitted_at", TIMESTAMP);
    COLUMNS.put("run_id", STRING);
    COLUMNS.put("run_kind", STRING);
    COLUMNS.put("emit_seq", INT64);
    COLUMNS.put("superseded_by", STRING);
  }

  @Test
  public void theViewGivesTheGeneratorsCountInEveryScenario() throws Exception {
    List<Path> dumps = scenarioDumps();
    assertThat(
        "no scenario rows under "
            + DUMPS.toAbsolutePath()
            + ": run the pipeline module's StreamingContractScenariosTest first",
        dumps,
        not(empty()));
    Map<String, Map<String, Long>> wrong = new TreeMap<>();
    for (Path dump : dumps) {
      JsonNode doc = new ObjectMapper().readTree(dump.toFile());
      Map<String, Long> expected = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("expected").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String[] key = e.getKey().split("\\|");
        expected.put(
            micros(java.time.Instant.parse(key[0])) + "|" + key[1] + "|" + key[2],
            e.getValue().asLong());
      }
      Map<String, Long> viewed = viewCounts(doc.get("rows"));
      if (!viewed.equals(expected)) {
        wrong.put(doc.get("scenario").asText() + " expected " + expected, viewed);
      }
    }
    assertThat(wrong.toString(), wrong.isEmpty(), is(true));
  }

  static List<Path> scenarioDumps() throws Exception {
    if (!Files.isDirectory(DUMPS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(DUMPS)) {
      return s.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
  }

  /** (window start micros|service|cluster) to count, as the view gives them over {@code rows}. */
  static Map<String, Long> viewCounts(JsonNode rows) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedQuery q = prepare(ClustersLatestViewTest.viewQuery(), rows)) {
      ImmutableList<SimpleColumn> columns = q.getColumns();
      Map<String, Integer> at = new TreeMap<>();
      for (int i = 0; i < columns.size(); i++) {
        at.put(columns.get(i).getName(), i);
      }
      for (List<Value> r : q.execute(Map.of()).getTableData()) {
        String group =
            r.get(at.get("group_id")).isNull()
                ? r.get(at.get("signature_id")).getStringValue()
                : r.get(at.get("group_id")).getStringValue();
        String key =
            r.get(at.get("window_start")).getTimestampUnixMicros()
                + "|"
                + r.get(at.get("service")).getStringValue()
                + "|"
                + group;
        assertThat("one row per cluster: " + key, out.containsKey(key), is(false));
        out.put(key, r.get(at.get("count")).getInt64Value());
      }
    }
    return out;
  }

  /** {@code sql} over a table {@code clusters} holding {@code rows}. */
  static PreparedQuery prepare(String sql, JsonNode rows) {
    List<SimpleColumn> columns = new ArrayList<>();
    for (Map.Entry<String, Type> c : COLUMNS.entrySet()) {
      columns.add(new SimpleColumn("clusters", c.getKey(), c.getValue()));
    }
    SimpleCatalog catalog = new SimpleCatalog("test");
    catalog.addSimpleTable(new SimpleTable("clusters", columns));
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(BigQueryScript.languageOptions());
    catalog.addZetaSQLFunctionsAndTypes(
        new ZetaSQLBuiltinFunctionOptions(options.getLanguageOptions()));
    List<List<Value>> data = new ArrayList<>();
    for (JsonNode row : rows) {
      List<Value> values = new ArrayList<>();
      for (Map.Entry<String, Type> c : COLUMNS.entrySet()) {
        values.add(value(row.get(c.getKey()), c.getValue()));
      }
      data.add(values);
    }
    return PreparedQuery.builder()
        .setSql(sql)
        .setAnalyzerOptions(options)
        .setCatalog(catalog)
        .setTablesContents(Map.of("clusters", TableContent.create(data)))
        .prepare();
  }

  /** A fake-table value (text, number or list) as ZetaSQL's value of {@code type}. */
  static Value value(JsonNode v, Type type) {
    if (v == null || v.isNull()) {
      return Value.createNullValue(type);
    }
    if (type.equals(STRINGS)) {
      List<Value> items = new ArrayList<>();
      v.forEach(i -> items.add(Value.createStringValue(i.asText())));
      return Value.createArrayValue(TypeFactory.createArrayType(STRING), items);
    }
    switch (type.getKind()) {
      case TYPE_INT64:
        return Value.createInt64Value(Long.parseLong(v.asText()));
      case TYPE_BOOL:
        return Value.createBoolValue(Boolean.parseBoolean(v.asText()));
      case TYPE_TIMESTAMP:
        return Value.createTimestampValueFromUnixMicros(Long.parseLong(v.asText()));
      default:
        return Value.createStringValue(v.asText());
    }
  }

  static long micros(java.time.Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }
}
