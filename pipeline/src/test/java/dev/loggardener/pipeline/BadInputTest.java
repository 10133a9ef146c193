package dev.loggardener.pipeline;

import static dev.loggardener.pipeline.LogGardenerPipelineTest.deadLetters;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.files;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.options;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.rows;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.run;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bad input never stops the pipeline and never disappears: one export directory with every kind of
 * broken record next to good ones. Each broken record lands in the dead letter with its reason, the
 * good ones are clustered, and the counters add up.
 */
public class BadInputTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path out;
  private static RunSummary summary;

  static String entry(String insertId, String severity, String message) {
    return "{\"insertId\":\""
        + insertId
        + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fstdout\","
        + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\","
        + "\"revision_name\":\"orders-api-00001-abc\"}},\"severity\":\""
        + severity
        + "\","
        + "\"jsonPayload\":{\"message\":"
        + json(message)
        + "},"
        + "\"timestamp\":\"2025-06-03T14:02:43.771509Z\"}";
  }

  static String json(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeClass
  public static void runOverBrokenExport() throws Exception {
    Path in = TMP.newFolder("in").toPath();
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      deep.append('[');
    }
    for (int i = 0; i < 5000; i++) {
      deep.append(']');
    }
    StringBuilder huge = new StringBuilder("Payload too large for batch ");
    while (huge.length() < 3_000_000) {
      huge.append("0123456789abcdef ");
    }
    ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    lines.add(
        entry("good-1", "ERROR", "Login failed for jane.doe@example.com with password=hunter2"));
    lines.add(
        entry(
            "good-2",
            "ERROR",
            "Upstream call failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz"));
    lines.add(
        entry("good-1", "ERROR", "Login failed for jane.doe@example.com with password=hunter2"));
    lines.add("");
    lines.add("   ");
    lines.add("this is not json at all");
    lines.add("{\"insertId\":\"t\",\"timestamp\":\"2025-06-03T14:02:43Z\",\"textPayload\":\"cut");
    lines.add("42");
    lines.add("{\"insertId\":\"m\",\"severity\":\"ERROR\",\"textPayload\":\"no time\"}");
    lines.add(
        "{\"insertId\":\"b\",\"severity\":\"ERROR\",\"timestamp\":\"yesterday\",\"textPayload\":\"x\"}");
    lines.add(
        "{\"insertId\":\"n\",\"severity\":\"ERROR\",\"timestamp\":1749000000,\"textPayload\":\"x\"}");
    lines.add(
        "{\"insertId\":\"d\",\"timestamp\":\"2025-06-03T14:02:43Z\",\"jsonPayload\":{\"a\":"
            + deep
            + "}}");
    lines.add(entry("huge", "ERROR", huge.toString()));
    for (String l : lines) {
      ndjson.write(l.getBytes(StandardCharsets.UTF_8));
      ndjson.write('\n');
    }
    ndjson.write(
        "{\"insertId\":\"u\",\"timestamp\":\"2025-06-03T14:02:43Z\",\"textPayload\":\"bad "
            .getBytes(StandardCharsets.UTF_8));
    ndjson.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    ndjson.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    Files.write(in.resolve("sink-00001.json"), ndjson.toByteArray());
    Files.writeString(
        in.resolve("gcloud-truncated.json"),
        "[\n  "
            + entry("good-3", "WARNING", "Retrying request to orders-api")
            + ",\n  {\"insertId\": \"cut\", \"timest");

    out = TMP.newFolder("out").toPath();
    summary = run(options(in.toString(), out));
  }

  @Test
  public void everyBrokenRecordIsDeadLetteredWithItsReason() throws Exception {
    List<String> reasons =
        deadLetters(out).stream().map(d -> d.get("reason").asText()).collect(Collectors.toList());
    assertThat(
        reasons,
        containsInAnyOrder(
            "not_json",
            "truncated_json",
            "not_an_object",
            "missing_timestamp",
            "bad_timestamp",
            "bad_timestamp",
            "nesting_too_deep",
            "invalid_utf8",
            "truncated_json"));
  }

  @Test
  public void deadLettersKeepTheRawTextAndWhereItCameFrom() throws Exception {
    for (JsonNode d : deadLetters(out)) {
      assertThat(d.get("source").asText(), containsString(".json"));
      assertThat(d.get("ordinal").asLong() > 0, is(true));
      assertThat(d.get("error_class").asText().isEmpty(), is(false));
      assertThat(d.get("raw_length").asLong() > 0, is(true));
    }
  }

  @Test
  public void goodEntriesAroundBrokenOnesAreClustered() throws Exception {
    long total = rows(out).stream().mapToLong(r -> r.count()).sum();
    assertThat(total, is(4L));
    assertThat(summary.get(GardenerCounters.ENTRIES_KEPT), is(4L));
    assertThat(summary.get(GardenerCounters.ENTRIES_DUPLICATE), is(1L));
  }

  @Test
  public void readEqualsKeptPlusFilteredPlusDuplicatesPlusMergedPlusDeadLettered() {
    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(14L));
    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(summary.accountedFor()));
  }

  @Test
  public void megabyteMessageIsCountedButRowsStaySmall() throws Exception {
    for (Path f : files(out.resolve("clusters"))) {
      for (String line : Files.readAllLines(f)) {
        assertThat(line.length(), lessThan(20_000));
      }
    }
    assertThat(summary.get(GardenerCounters.MESSAGES_TRUNCATED), is(1L));
  }

  @Test
  public void noSecretOrEmailReachesAnyOutput() throws Exception {
    for (Path f : files(out)) {
      String text = Files.readString(f);
      assertThat(f.toString(), text, not(containsString("hunter2")));
      assertThat(f.toString(), text, not(containsString("jane.doe@example.com")));
      assertThat(f.toString(), text, not(containsString("eyJhbGciOiJIUzI1NiJ9")));
    }
  }

  @Test
  public void rowsAreValidAgainstTheSchemaColumns() throws Exception {
    for (ClusterRow r : rows(out)) {
      assertThat(ClusterRowJson.fromJson(ClusterRowJson.toJson(r)), is(r));
    }
  }
}
