package dev.loggardener.parse;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The streaming reader gives exactly what the tree gives, on every fixture, on the bundled sample
 * export, and on variations of each real entry that hit the cases it must hand to the tree (other
 * value types, nulls, repeated keys, missing keys). The parser tests and the fuzz test run their
 * inputs through both paths as well ({@link BothPathsParser}).
 */
public class StreamingEntryParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final BothPathsParser parser = new BothPathsParser();

  private static List<Path> fixtureFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Paths.get("src/test/resources/parse"))) {
      s.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    Path sample = Paths.get("../samples/cloud-run-backend-hour.json");
    if (Files.exists(sample)) {
      files.add(sample);
    }
    return files;
  }

  /** Every record of every fixture file, as the reader splits it. */
  private static List<String> records() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path f : fixtureFiles()) {
      byte[] bytes = Files.readAllBytes(f);
      out.add(new String(bytes, StandardCharsets.UTF_8));
      for (RawRecord r : Fixtures.readAll(bytes)) {
        if (r.failureReason() == null) {
          out.add(r.text());
        }
      }
    }
    return out;
  }

  @Test
  public void everyFixtureRecordParsesTheSameBothWays() throws IOException {
    List<String> records = records();
    for (String r : records) {
      parser.parse(r);
    }
    // The streaming reader must actually answer for the common shape, not hand everything over.
    assertTrue(
        parser.streamed() + " of " + parser.inputs(), parser.streamed() * 2 > parser.inputs());
  }

  @Test
  public void variationsOfRealEntriesParseTheSameBothWays() throws IOException {
    JsonNode[] replacements = {
      null,
      NODES.nullNode(),
      NODES.numberNode(42),
      NODES.numberNode(3_000_000_000L),
      NODES.numberNode(2.5),
      NODES.booleanNode(true),
      NODES.textNode(""),
      NODES.textNode("  "),
      NODES.textNode("ERROR"),
      NODES.textNode("500"),
      NODES.objectNode().put("message", "inner"),
      NODES.objectNode().put("other", 1),
      NODES.arrayNode().add("x"),
      NODES.objectNode()
    };
    int variants = 0;
    for (String record : records()) {
      JsonNode root;
      try {
        root = MAPPER.readTree(record);
      } catch (IOException e) {
        continue;
      }
      if (root == null || !root.isObject()) {
        continue;
      }
      for (String path : paths((ObjectNode) root)) {
        for (JsonNode replacement : replacements) {
          ObjectNode copy = ((ObjectNode) root).deepCopy();
          set(copy, path, replacement);
          parser.parse(MAPPER.writeValueAsString(copy));
          variants++;
        }
        // A repeated key: the tree keeps the last value.
        String json = MAPPER.writeValueAsString(root);
        String key = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        String open =
            parent.isEmpty() ? "{" : "\"" + parent.substring(parent.lastIndexOf('/') + 1) + "\":{";
        int at = json.indexOf(open);
        if (at >= 0) {
          int insert = at + open.length();
          for (String dup : new String[] {"\"dup\"", "null", "7"}) {
            parser.parse(
                json.substring(0, insert)
                    + "\""
                    + key
                    + "\":"
                    + dup
                    + ","
                    + json.substring(insert));
            parser.parse(json.substring(0, json.length() - 1) + ",\"" + key + "\":" + dup + "}");
            variants += 2;
          }
        }
      }
      // Trailing tokens and whitespace after the object.
      parser.parse(record + " {}");
      parser.parse(record + " \n ");
      parser.parse(record + "x");
    }
    assertTrue(variants + " variants", variants > 10_000);
  }

  /** Paths of the keys an entry reads: every top-level key and the keys one or two levels down. */
  private static List<String> paths(ObjectNode root) {
    List<String> out = new ArrayList<>();
    collect(root, "", 0, out);
    for (String extra :
        new String[] {
          "jsonPayload/message",
          "jsonPayload/msg",
          "jsonPayload/error",
          "jsonPayload/severity",
          "jsonPayload/level",
          "jsonPayload/serviceContext",
          "jsonPayload/serviceContext/version",
          "httpRequest/status",
          "httpRequest/requestMethod",
          "httpRequest/requestUrl",
          "textPayload",
          "severity",
          "timestamp",
          "labels",
          "resource/labels",
          "resource/type",
          "protoPayload",
          "trace",
          "spanId",
          "insertId",
          "logName"
        }) {
      if (!out.contains(extra)) {
        out.add(extra);
      }
    }
    return out;
  }

  private static void collect(JsonNode node, String prefix, int depth, List<String> out) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      String path = prefix.isEmpty() ? n : prefix + "/" + n;
      out.add(path);
      JsonNode child = node.get(n);
      if (child.isObject() && depth < 2) {
        collect(child, path, depth + 1, out);
      }
    }
  }

  /** Sets (or with null, removes) the value at a path, creating parent objects as needed. */
  private static void set(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("/");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        if (value == null) {
          return;
        }
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    String last = parts[parts.length - 1];
    if (value == null) {
      node.remove(last);
    } else {
      node.set(last, value.deepCopy());
    }
  }
}
