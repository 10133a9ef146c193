package dev.loggardener.pipeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;

/**
 * Conversions between the pipeline's values and BigQuery {@link TableRow}s. A cluster row is built
 * from its JSON-lines form, whose keys are the schema file's columns, so the BigQuery table and the
 * local files carry exactly the same values. Rows BigQuery rejects become dead letters here.
 */
public final class BigQueryRows {
  /** Stage name of dead letters produced while writing to BigQuery. */
  public static final String STAGE = "write_bigquery";

  /** Reason: BigQuery rejected the row (schema mismatch, bad value, ...). */
  public static final String INSERT_FAILED = "bigquery_insert_failed";

  /** Reason: the row is larger than {@code --bigQueryMaxRowBytes}. */
  public static final String ROW_TOO_LARGE = "row_too_large";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BigQueryRows() {}

  /** The row as a TableRow: the JSON-lines object, key for key. */
  public static TableRow clusterRow(String clusterRowJson) {
    JsonNode o;
    try {
      o = MAPPER.readTree(clusterRowJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TableRow row = new TableRow();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      row.set(f.getKey(), value(f.getValue()));
    }
    return row;
  }

  public static TableRow clusterRow(ClusterRow r) {
    return clusterRow(ClusterRowJson.toJson(r));
  }

  /** A dead letter as a row of the dead-letter table, stamped {@code deadLetteredAt}. */
  public static TableRow deadLetter(DeadLetter d, Instant deadLetteredAt) {
    TableRow row = new TableRow();
    row.set("dead_lettered_at", ClusterRowJson.ts(deadLetteredAt));
    row.set("source", d.source);
    row.set("ordinal", d.ordinal);
    row.set("stage", d.stage);
    row.set("reason", d.reason);
    row.set("error_class", d.errorClass);
    row.set("detail", d.detail);
    row.set("raw", d.raw);
    row.set("raw_length", d.rawLength);
    row.set("raw_truncated", d.rawTruncated);
    row.set("message_id", d.messageId.isEmpty() ? null : d.messageId);
    row.set("attributes", d.attributes.isEmpty() ? null : json(d.attributes));
    return row;
  }

  /** A row BigQuery rejected, as a dead letter that keeps the row (redacted, capped). */
  public static DeadLetter rejected(String table, BigQueryStorageApiInsertError error) {
    return rejected(
        table,
        INSERT_FAILED,
        "BigQueryStorageApiInsertError",
        String.valueOf(error.getErrorMessage()),
        BigQueryHelpers.toJsonString(error.getRow()));
  }

  /** A dead letter for a row that never reached BigQuery or came back from it. */
  public static DeadLetter rejected(
      String table, String reason, String errorClass, String detail, String rowJson) {
    String raw = rowJson == null ? "" : rowJson;
    boolean truncated = raw.length() > DeadLetter.MAX_RAW_CHARS;
    return new DeadLetter(
        "bigquery:" + table,
        0,
        STAGE,
        reason,
        errorClass,
        Redactor.redact(detail),
        Redactor.redact(truncated ? raw.substring(0, DeadLetter.MAX_RAW_CHARS) : raw),
        raw.length(),
        truncated);
  }

  private static Object value(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>();
      v.forEach(e -> list.add(value(e)));
      return list;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    return v.asText();
  }

  private static String json(Map<String, String> map) {
    try {
      return MAPPER.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
