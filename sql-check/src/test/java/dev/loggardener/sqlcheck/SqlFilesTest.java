package dev.loggardener.sqlcheck;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zetasql.SqlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every SQL file of the repository is a valid BigQuery script: it parses with ZetaSQL, declares its
 * variables before anything else, and names no variable like a column of the tables (a variable
 * shadows the column of the same name, so {@code WHERE signature_id = signature} would compare with
 * the variable). A new {@code .sql} file anywhere under {@code scripts/} is checked without being
 * listed here.
 */
public class SqlFilesTest {
  static final Path ROOT = Paths.get("..");
  static final Path SCHEMAS = ROOT.resolve("transforms/src/main/resources/dev/loggardener/schema");

  static List<Path> sqlFiles() throws IOException {
    try (Stream<Path> s = Files.walk(ROOT.resolve("scripts"))) {
      return s.filter(p -> p.toString().endsWith(".sql")).sorted().collect(Collectors.toList());
    }
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  public void theSchemaAndTheAnalystQueriesAreAmongTheCheckedFiles() throws Exception {
    List<String> names = new ArrayList<>();
    sqlFiles().forEach(p -> names.add(ROOT.relativize(p).toString().replace('\\', '/')));
    assertThat(names, hasItem("scripts/bigquery/schema.sql"));
    assertThat(names, hasItem("scripts/analyst-queries.sql"));
  }

  @Test
  public void everySqlFileParsesAsABigQueryScript() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Path p : sqlFiles()) {
      try {
        assertThat(
            p + " has statements", BigQueryScript.parse(read(p)).statementCount(), greaterThan(0));
      } catch (SqlException e) {
        failures.add(p + ": " + e.getMessage());
      }
    }
    assertThat(failures, is(empty()));
  }

  @Test
  public void everySqlFileDeclaresItsVariablesFirst() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Path p : sqlFiles()) {
      List<Integer> misplaced = BigQueryScript.parse(read(p)).misplacedDeclarations();
      if (!misplaced.isEmpty()) {
        failures.add(p + ": DECLARE as statement " + misplaced);
      }
    }
    assertThat(failures, is(empty()));
  }

  @Test
  public void noVariableIsNamedLikeAColumn() throws Exception {
    Set<String> columns = columns("cluster_row.schema.json");
    columns.addAll(columns("dead_letter.schema.json"));
    List<String> failures = new ArrayList<>();
    for (Path p : sqlFiles()) {
      for (String v : BigQueryScript.parse(read(p)).variables()) {
        if (columns.contains(v.toLowerCase(Locale.ROOT))) {
          failures.add(p + ": variable " + v + " shadows the column of that name");
        }
      }
    }
    assertThat(failures, is(empty()));
  }

  // The checks themselves, on scripts known to be wrong: a check that cannot fail proves nothing.

  @Test
  public void aSyntaxErrorIsReportedWithItsPosition() {
    SqlException e =
        assertThrows(
            SqlException.class,
            () -> BigQueryScript.parse("SELECT 1;\nSELEC window_start FROM t;\n"));
    assertThat(e.getMessage(), containsString("2:1"));
  }

  @Test
  public void aDeclareAfterAQueryIsFound() {
    BigQueryScript script =
        BigQueryScript.parse("DECLARE a INT64;\nSELECT a;\nDECLARE b STRING DEFAULT 'x';\n");
    assertThat(script.misplacedDeclarations(), is(List.of(3)));
    assertThat(
        BigQueryScript.parse("DECLARE a INT64;\nSELECT a;\n").misplacedDeclarations(), is(empty()));
  }

  @Test
  public void declaredVariablesAreListed() {
    assertThat(
        BigQueryScript.parse("DECLARE signature, x STRING;\nSELECT 1;\n").variables(),
        is(List.of("signature", "x")));
  }

  @Test
  public void theColumnsComeFromTheSchemaFiles() throws Exception {
    assertThat(columns("cluster_row.schema.json"), hasItem("signature"));
    assertThat(columns("dead_letter.schema.json"), not(empty()));
  }

  static Set<String> columns(String schemaFile) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SCHEMAS.resolve(schemaFile).toFile());
    Set<String> out = new TreeSet<>();
    schema.path("fields").forEach(f -> out.add(f.path("name").asText().toLowerCase(Locale.ROOT)));
    return out;
  }
}
