package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.Test;

public class ClusterRowJsonTest {

  static ClusterRow row() {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-09-16T01:00:00Z"))
        .windowEnd(Instant.parse("2025-09-16T02:00:00Z"))
        .service("netra-backend-staging")
        .resourceType("cloud_run_revision")
        .signatureId("0123456789abcdef")
        .signature("Container called exit(<*>).")
        .sigVersion(1)
        .count(9)
        .severity("WARNING")
        .priority("P0")
        .priorityReason("container exit")
        .firstSeen(Instant.parse("2025-09-16T01:02:03.123456Z"))
        .lastSeen(Instant.parse("2025-09-16T01:59:03.000001Z"))
        .sampleMessage("Container called exit(3).")
        .sampleInsertId("abc")
        .sampleTrace("")
        .revisions(List.of("r1", "r2"))
        .logNames(List.of("projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem"))
        .instanceCount(2)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .emittedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .groupId("fedcba9876543210")
        .groupTemplate("Container called exit(<*>).")
        .groupMemberIds(List.of("0123456789abcdef", "00000000000000aa"))
        .build();
  }

  @Test
  public void jsonKeysAreExactlyTheSchemaColumnsInOrder() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ClusterRowJson.toJson(row()));
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys, equalTo(ClusterRowJson.schemaColumns()));
  }

  @Test
  public void schemaColumnsAreSnakeCase() {
    Pattern snake = Pattern.compile("[a-z][a-z0-9_]*");
    for (String c : ClusterRowJson.schemaColumns()) {
      assertThat(c, snake.matcher(c).matches(), is(true));
    }
  }

  @Test
  public void roundTripsThroughJson() {
    assertThat(ClusterRowJson.fromJson(ClusterRowJson.toJson(row())), equalTo(row()));
  }

  @Test
  public void timestampsKeepMicroseconds() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ClusterRowJson.toJson(row()));
    assertThat(json.get("first_seen").asText(), is("2025-09-16T01:02:03.123456Z"));
  }

  @Test
  public void schemaTypesAreBigQueryTypes() {
    for (JsonNode f : ClusterRowJson.schema().path("fields")) {
      assertThat(
          f.path("type").asText(),
          org.hamcrest.Matchers.isOneOf("STRING", "INTEGER", "BOOLEAN", "TIMESTAMP"));
      assertThat(
          f.path("mode").asText(),
          org.hamcrest.Matchers.isOneOf("REQUIRED", "NULLABLE", "REPEATED"));
    }
  }

  @Test
  public void everyRowCarriesTheSchemaFileVersion() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ClusterRowJson.toJson(row()));
    assertThat(
        json.get("schema_version").asInt(), is(ClusterRowJson.schema().path("version").asInt()));
    assertThat(ClusterRowJson.SCHEMA_VERSION, is(6));
  }

  /** Rows written before version 3 have no group columns: they read as their own group. */
  @Test
  public void aRowWithoutGroupColumnsIsItsOwnCluster() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new ObjectMapper().readTree(ClusterRowJson.toJson(row()));
    json.remove(List.of("group_id", "group_template", "group_member_ids"));
    ClusterRow old = ClusterRowJson.fromJson(json.toString());
    assertThat(old.groupId(), is(""));
    assertThat(old.groupMemberIds(), is(List.of()));
    assertThat(old.clusterId(), is("0123456789abcdef"));
    assertThat(old.clusterTemplate(), is("Container called exit(<*>)."));
    assertThat(row().clusterId(), is("fedcba9876543210"));
    // and an ungrouped row writes NULL there, as BigQuery holds for rows from before the column
    JsonNode written = new ObjectMapper().readTree(ClusterRowJson.toJson(old));
    assertThat(written.get("group_id").isNull(), is(true));
  }

  /**
   * BigQuery can only add NULLABLE or REPEATED columns to an existing table, so every column after
   * the 23 of version 1 must be one of those.
   */
  @Test
  public void columnsAddedAfterTheFirstVersionAreNullableOrRepeated() {
    JsonNode fields = ClusterRowJson.schema().path("fields");
    for (int i = 23; i < fields.size(); i++) {
      assertThat(
          fields.get(i).path("name").asText(),
          fields.get(i).path("mode").asText(),
          org.hamcrest.Matchers.isOneOf("NULLABLE", "REPEATED"));
    }
  }
}
