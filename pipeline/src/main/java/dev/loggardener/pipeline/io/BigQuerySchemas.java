package dev.loggardener.pipeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import dev.loggardener.cluster.ClusterRowJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * BigQuery table schemas read from the schema files on the classpath ({@code
 * cluster_row.schema.json}, {@code dead_letter.schema.json}), the one place each schema lives: the
 * writers, the DDL generator and the tests all read them from here, so they cannot drift.
 */
public final class BigQuerySchemas {
  public static final String DEAD_LETTER_RESOURCE =
      "/dev/loggardener/schema/dead_letter.schema.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BigQuerySchemas() {}

  /** The parsed cluster row schema file. */
  public static JsonNode clusterRowFile() {
    return ClusterRowJson.schema();
  }

  /** The parsed dead-letter schema file. */
  public static JsonNode deadLetterFile() {
    try (InputStream in = BigQuerySchemas.class.getResourceAsStream(DEAD_LETTER_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEAD_LETTER_RESOURCE);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TableSchema clusterRows() {
    return toTableSchema(clusterRowFile());
  }

  public static TableSchema deadLetters() {
    return toTableSchema(deadLetterFile());
  }

  /** Column names of a schema file, in order. */
  public static List<String> columns(JsonNode schemaFile) {
    List<String> names = new ArrayList<>();
    schemaFile.path("fields").forEach(f -> names.add(f.path("name").asText()));
    return names;
  }

  static TableSchema toTableSchema(JsonNode schemaFile) {
    List<TableFieldSchema> fields = new ArrayList<>();
    for (JsonNode f : schemaFile.path("fields")) {
      fields.add(
          new TableFieldSchema()
              .setName(f.path("name").asText())
              .setType(f.path("type").asText())
              .setMode(f.path("mode").asText("NULLABLE"))
              .setDescription(f.path("description").asText(null)));
    }
    return new TableSchema().setFields(fields);
  }
}
