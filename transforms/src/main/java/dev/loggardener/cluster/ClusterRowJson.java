package dev.loggardener.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Converts {@link ClusterRow} to and from its JSON-lines form, whose keys are exactly the columns
 * of {@code cluster_row.schema.json} (the one schema the local sink and BigQuery share). A test
 * holds the two together. Timestamps are RFC 3339 UTC with microseconds, which BigQuery accepts.
 */
public final class ClusterRowJson {
  public static final String SCHEMA_RESOURCE = "/dev/loggardener/schema/cluster_row.schema.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The {@code version} of the schema file; every row carries it in {@code schema_version} so
   * readers can tell rows written before a column existed from rows where it is empty.
   */
  public static final int SCHEMA_VERSION = schema().path("version").asInt();

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private ClusterRowJson() {}

  public static String toJson(ClusterRow r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("window_start", ts(r.windowStart()));
    o.put("window_end", ts(r.windowEnd()));
    o.put("service", r.service());
    o.put("resource_type", r.resourceType());
    o.put("signature_id", r.signatureId());
    o.put("signature", r.signature());
    o.put("sig_v", r.sigVersion());
    o.put("count", r.count());
    o.put("severity", r.severity());
    o.put("priority", r.priority().value());
    o.put("priority_reason", r.priorityReason());
    o.put("first_seen", ts(r.firstSeen()));
    o.put("last_seen", ts(r.lastSeen()));
    o.put("sample_message", r.sampleMessage());
    o.put("sample_insert_id", r.sampleInsertId());
    o.put("sample_trace", r.sampleTrace());
    ArrayNode revisions = o.putArray("revisions");
    r.revisions().forEach(revisions::add);
    ArrayNode logNames = o.putArray("log_names");
    r.logNames().forEach(logNames::add);
    o.put("instance_count", r.instanceCount());
    o.put("pane_index", r.paneIndex());
    o.put("pane_timing", r.paneTiming().value());
    o.put("is_final", r.isFinal());
    o.put("emitted_at", ts(r.emittedAt()));
    o.put("root_cause_signature_id", r.rootCauseSignatureId());
    o.put("cascade_id", r.cascadeId());
    o.put("status", r.status().value());
    o.put("tracking_issue", r.trackingIssue());
    o.put("cascade_parent_signature_id", r.cascadeParentSignatureId());
    o.put("cascade_evidence", r.cascadeEvidence());
    o.put("schema_version", SCHEMA_VERSION);
    ArrayNode recent = o.putArray("recent_counts");
    r.recentCounts().forEach(recent::add);
    // Schema version 3. Empty means "not grouped" (a row from before grouping): written as NULL,
    // as BigQuery holds it for rows written before the column existed.
    o.put("group_id", r.groupId().isEmpty() ? null : r.groupId());
    o.put("group_template", r.groupTemplate().isEmpty() ? null : r.groupTemplate());
    ArrayNode members = o.putArray("group_member_ids");
    r.groupMemberIds().forEach(members::add);
    // Schema version 4: which run wrote the row, and its emission number in that run.
    o.put("run_id", r.runId().isEmpty() ? null : r.runId());
    o.put("run_kind", r.runKind() == RunKind.UNSET ? null : r.runKind().value());
    if (r.emitSeq() > 0) {
      o.put("emit_seq", r.emitSeq());
    } else {
      o.putNull("emit_seq");
    }
    // Schema version 5: what lies behind each <*> of the group template.
    ArrayNode values = o.putArray("group_values");
    r.groupValues().forEach(values::add);
    // Schema version 6: set on a tombstone only.
    o.put("superseded_by", r.supersededBy().isEmpty() ? null : r.supersededBy());
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ClusterRow fromJson(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ClusterRow.builder()
        .windowStart(instant(o, "window_start"))
        .windowEnd(instant(o, "window_end"))
        .service(o.path("service").asText())
        .resourceType(o.path("resource_type").asText())
        .signatureId(o.path("signature_id").asText())
        .signature(o.path("signature").asText())
        .sigVersion(o.path("sig_v").asInt())
        .count(o.path("count").asLong())
        .severity(o.path("severity").asText())
        .priority(o.path("priority").asText())
        .priorityReason(o.path("priority_reason").asText())
        .firstSeen(instant(o, "first_seen"))
        .lastSeen(instant(o, "last_seen"))
        .sampleMessage(o.path("sample_message").asText())
        .sampleInsertId(o.path("sample_insert_id").asText())
        .sampleTrace(o.path("sample_trace").asText())
        .revisions(strings(o.path("revisions")))
        .logNames(strings(o.path("log_names")))
        .instanceCount(o.path("instance_count").asLong())
        .paneIndex(o.path("pane_index").asLong())
        .paneTiming(o.path("pane_timing").asText())
        .isFinal(o.path("is_final").asBoolean())
        .emittedAt(instant(o, "emitted_at"))
        .rootCauseSignatureId(o.path("root_cause_signature_id").asText())
        .cascadeId(o.path("cascade_id").asText())
        .status(o.path("status").asText())
        .trackingIssue(o.path("tracking_issue").asText())
        .recentCounts(longs(o.path("recent_counts")))
        .cascadeParentSignatureId(o.path("cascade_parent_signature_id").asText())
        .cascadeEvidence(o.path("cascade_evidence").asText())
        .groupId(text(o, "group_id"))
        .groupTemplate(text(o, "group_template"))
        .groupMemberIds(strings(o.path("group_member_ids")))
        .groupValues(strings(o.path("group_values")))
        .runId(text(o, "run_id"))
        .runKind(text(o, "run_kind"))
        .emitSeq(o.path("emit_seq").asLong(0))
        .supersededBy(text(o, "superseded_by"))
        .build();
  }

  /** Column names in schema order, read from the schema file. */
  public static List<String> schemaColumns() {
    List<String> names = new ArrayList<>();
    for (JsonNode f : schema().path("fields")) {
      names.add(f.path("name").asText());
    }
    return Collections.unmodifiableList(names);
  }

  /** The parsed schema file. */
  public static JsonNode schema() {
    try (InputStream in = ClusterRowJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String ts(Instant t) {
    return t == null ? null : TS.format(t);
  }

  private static Instant instant(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }

  /** A nullable string column: empty for NULL or absent (rows written before it existed). */
  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static List<Long> longs(JsonNode arr) {
    List<Long> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asLong()));
    return out;
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
