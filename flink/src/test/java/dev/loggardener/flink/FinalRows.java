package dev.loggardener.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads what a run wrote under {@code <output>/clusters}, for comparing runs. */
final class FinalRows {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FinalRows() {}

  /**
   * The last pane's row of every (window, service, signature), without the columns that depend on
   * when and as which launch a run happened ({@code emitted_at}, {@code run_id}, {@code run_kind}:
   * Flink's streaming translation is a stream, and {@code emit_seq}, which counts a run's
   * emissions), as canonical JSON, sorted.
   */
  static List<String> of(Path output) {
    Map<String, JsonNode> latest = new TreeMap<>();
    for (String line : lines(output.resolve("clusters"))) {
      ObjectNode row = (ObjectNode) read(line);
      row.remove("emitted_at");
      row.remove("run_id");
      row.remove("run_kind");
      row.remove("emit_seq");
      String key =
          row.get("window_start").asText()
              + "|"
              + row.get("service").asText()
              + "|"
              // by group: a group's signature_id (its heaviest member) may change between panes
              + (row.hasNonNull("group_id") ? row.get("group_id") : row.get("signature_id"))
                  .asText();
      JsonNode seen = latest.get(key);
      if (seen == null || seen.get("pane_index").asLong() < row.get("pane_index").asLong()) {
        latest.put(key, row);
      }
    }
    List<String> rows = new ArrayList<>();
    latest.values().forEach(r -> rows.add(r.toString()));
    rows.sort(String::compareTo);
    return rows;
  }

  /** Every non-blank line of every {@code .jsonl} file below {@code dir}, sorted. */
  static List<String> lines(Path dir) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
        for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!l.isBlank()) {
            out.add(l);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(String::compareTo);
    return out;
  }

  static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
