package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.loggardener.priority.PriorityLevel;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/**
 * The row's JSON lines (and so its BigQuery columns, built from them) byte for byte: these lines
 * are what the row wrote before its priority, status, pane timing and run kind were enums, with the
 * values behind the group template's masks added at the end (schema version 5).
 */
public class ClusterRowGoldenTest {

  private static final String FULL =
      "{\"window_start\":\"2025-09-16T01:00:00.000000Z\","
          + "\"window_end\":\"2025-09-16T02:00:00.000000Z\",\"service\":\"svc\","
          + "\"resource_type\":\"cloud_run_revision\",\"signature_id\":\"0123456789abcdef\","
          + "\"signature\":\"Container called exit(<*>).\",\"sig_v\":1,\"count\":9,"
          + "\"severity\":\"WARNING\",\"priority\":\"P0\",\"priority_reason\":\"container exit\","
          + "\"first_seen\":\"2025-09-16T01:02:03.123456Z\","
          + "\"last_seen\":\"2025-09-16T01:59:03.000001Z\","
          + "\"sample_message\":\"Container called exit(3).\",\"sample_insert_id\":\"abc\","
          + "\"sample_trace\":\"t\",\"revisions\":[\"r1\",\"r2\"],\"log_names\":[\"projects/p/logs/run\"],"
          + "\"instance_count\":2,\"pane_index\":3,\"pane_timing\":\"LATE\",\"is_final\":true,"
          + "\"emitted_at\":\"2026-01-01T00:00:00.000000Z\","
          + "\"root_cause_signature_id\":\"00000000000000aa\",\"cascade_id\":\"c1\","
          + "\"status\":\"REGRESSION\",\"tracking_issue\":\"https://t/1\","
          + "\"cascade_parent_signature_id\":\"00000000000000aa\","
          + "\"cascade_evidence\":\"3 co-occurrences\",\"schema_version\":6,\"recent_counts\":[1,2,9],"
          + "\"group_id\":\"fedcba9876543210\",\"group_template\":\"Container called exit(<*>).\","
          + "\"group_member_ids\":[\"0123456789abcdef\",\"00000000000000aa\"],"
          + "\"run_id\":\"20260101T000000Z-0000abcd\",\"run_kind\":\"STREAM\",\"emit_seq\":2,"
          + "\"group_values\":[\"3 ×9\"],\"superseded_by\":null}";

  private static final String BARE =
      "{\"window_start\":\"2025-09-16T01:00:00.000000Z\","
          + "\"window_end\":\"2025-09-16T02:00:00.000000Z\",\"service\":\"\",\"resource_type\":\"\","
          + "\"signature_id\":\"\",\"signature\":\"\",\"sig_v\":0,\"count\":0,\"severity\":\"\",\"priority\":\"\","
          + "\"priority_reason\":\"\",\"first_seen\":null,\"last_seen\":null,\"sample_message\":\"\","
          + "\"sample_insert_id\":\"\",\"sample_trace\":\"\",\"revisions\":[],\"log_names\":[],"
          + "\"instance_count\":0,\"pane_index\":0,\"pane_timing\":\"\",\"is_final\":false,"
          + "\"emitted_at\":null,\"root_cause_signature_id\":\"\",\"cascade_id\":\"\",\"status\":\"\","
          + "\"tracking_issue\":\"\",\"cascade_parent_signature_id\":\"\",\"cascade_evidence\":\"\","
          + "\"schema_version\":6,\"recent_counts\":[],\"group_id\":null,\"group_template\":null,"
          + "\"group_member_ids\":[],\"run_id\":null,\"run_kind\":null,\"emit_seq\":null,"
          + "\"group_values\":[],\"superseded_by\":null}";

  private static ClusterRow full() {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-09-16T01:00:00Z"))
        .windowEnd(Instant.parse("2025-09-16T02:00:00Z"))
        .service("svc")
        .resourceType("cloud_run_revision")
        .signatureId("0123456789abcdef")
        .signature("Container called exit(<*>).")
        .sigVersion(1)
        .count(9)
        .severity("WARNING")
        .priority(PriorityLevel.P0)
        .priorityReason("container exit")
        .firstSeen(Instant.parse("2025-09-16T01:02:03.123456Z"))
        .lastSeen(Instant.parse("2025-09-16T01:59:03.000001Z"))
        .sampleMessage("Container called exit(3).")
        .sampleInsertId("abc")
        .sampleTrace("t")
        .revisions(List.of("r1", "r2"))
        .logNames(List.of("projects/p/logs/run"))
        .instanceCount(2)
        .paneIndex(3)
        .paneTiming(PaneTiming.LATE)
        .isFinal(true)
        .emittedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .rootCauseSignatureId("00000000000000aa")
        .cascadeId("c1")
        .status(Status.REGRESSION)
        .trackingIssue("https://t/1")
        .recentCounts(List.of(1L, 2L, 9L))
        .cascadeParentSignatureId("00000000000000aa")
        .cascadeEvidence("3 co-occurrences")
        .groupId("fedcba9876543210")
        .groupTemplate("Container called exit(<*>).")
        .groupMemberIds(List.of("0123456789abcdef", "00000000000000aa"))
        .groupValues(List.of("3 ×9"))
        .runId("20260101T000000Z-0000abcd")
        .runKind(RunKind.STREAM)
        .emitSeq(2)
        .build();
  }

  private static ClusterRow bare() {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-09-16T01:00:00Z"))
        .windowEnd(Instant.parse("2025-09-16T02:00:00Z"))
        .build();
  }

  @Test
  public void aFullRowWritesTheGoldenLine() {
    assertThat(ClusterRowJson.toJson(full()), is(FULL));
  }

  @Test
  public void anEmptyRowWritesEmptyTextAndNullsAsBefore() {
    assertThat(ClusterRowJson.toJson(bare()), is(BARE));
  }

  @Test
  public void theGoldenLinesReadBackToTheSameRows() {
    assertThat(ClusterRowJson.fromJson(FULL), equalTo(full()));
    assertThat(ClusterRowJson.fromJson(BARE), equalTo(bare()));
  }

  @Test
  public void unsetEnumsAreEmptyOrNullColumns() {
    ClusterRow r = bare();
    assertThat(r.priority(), is(PriorityLevel.UNSET));
    assertThat(r.status(), is(Status.UNSET));
    assertThat(r.paneTiming(), is(PaneTiming.UNSET));
    assertThat(r.runKind(), is(RunKind.UNSET));
  }
}
