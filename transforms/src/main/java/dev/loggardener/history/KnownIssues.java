package dev.loggardener.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The known-issues registry: which signatures have a tracker issue, and which were resolved at
 * which revision. Read once, when the pipeline is constructed, from a local or {@code gs://} file
 * (reloading it while a streaming job runs is not done yet). Two formats: CSV with a header row,
 * and a YAML list of flat maps. Columns / keys: {@code signature_id} (required), {@code
 * tracker_url} (or {@code tracking_issue}, {@code url}), {@code status} ({@code open}, {@code
 * resolved}, ...), {@code resolved_revision} (or {@code resolved_at_revision}) and optionally
 * {@code service}.
 *
 * <pre>
 * signature_id,tracker_url,status,resolved_revision
 * 9c1f0e2a4b7d3e55,https://github.com/acme/backend/issues/1287,resolved,netra-backend-staging-00210-abc
 *
 * - signature_id: 9c1f0e2a4b7d3e55
 *   tracker_url: https://github.com/acme/backend/issues/1287
 *   status: resolved
 *   resolved_revision: netra-backend-staging-00210-abc
 * </pre>
 */
public final class KnownIssues implements Serializable {
  private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
      new com.fasterxml.jackson.databind.ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
  private static final long serialVersionUID = 1L;

  // signature id -> lines (a service-specific line and/or one for every service)
  private final TreeMap<String, List<KnownIssue>> bySignature = new TreeMap<>();

  public static KnownIssues empty() {
    return new KnownIssues(List.of());
  }

  public KnownIssues(List<KnownIssue> issues) {
    for (KnownIssue i : issues) {
      if (!i.signatureId.isEmpty()) {
        bySignature.computeIfAbsent(i.signatureId, k -> new ArrayList<>()).add(i);
      }
    }
  }

  public int size() {
    return bySignature.values().stream().mapToInt(List::size).sum();
  }

  /** The line for this service and signature: a service-specific one wins over a general one. */
  public KnownIssue lookup(String service, String signatureId) {
    List<KnownIssue> lines = bySignature.get(signatureId);
    if (lines == null) {
      return null;
    }
    KnownIssue general = null;
    for (KnownIssue i : lines) {
      if (i.service.equals(service)) {
        return i;
      }
      if (i.service.isEmpty() && general == null) {
        general = i;
      }
    }
    return general;
  }

  /** Reads a registry file; {@code .yaml}/{@code .yml} is YAML, anything else CSV. */
  public static KnownIssues read(String path) {
    String text;
    try {
      if (!path.contains("://")) {
        text = Files.readString(Paths.get(path), StandardCharsets.UTF_8);
      } else {
        MatchResult.Metadata m = FileSystems.matchSingleFileSpec(path);
        try (InputStream in = Channels.newInputStream(FileSystems.open(m.resourceId()))) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "--knownIssues=" + path + ": cannot read: " + e.getMessage(), e);
    }
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") ? parseYaml(text) : parseCsv(text);
  }

  public static KnownIssues parseCsv(String text) {
    List<KnownIssue> out = new ArrayList<>();
    List<String> header = null;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      List<String> cells = splitCsv(line);
      if (header == null) {
        header = new ArrayList<>();
        for (String h : cells) {
          header.add(h.trim().toLowerCase(Locale.ROOT));
        }
        if (!header.contains("signature_id")) {
          throw new IllegalArgumentException(
              "known issues CSV: the header needs a signature_id column");
        }
        continue;
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size() && i < cells.size(); i++) {
        m.put(header.get(i), cells.get(i));
      }
      out.add(fromMap(m));
    }
    return new KnownIssues(out);
  }

  /** A YAML list of flat maps, optionally under a top-level {@code issues:} key. */
  public static KnownIssues parseYaml(String text) {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("known issues YAML: " + e.getMessage(), e);
    }
    if (root != null && root.isObject() && root.has("issues")) {
      root = root.get("issues");
    }
    List<KnownIssue> out = new ArrayList<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new KnownIssues(out);
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("known issues YAML: expected a list of issues");
    }
    for (com.fasterxml.jackson.databind.JsonNode item : root) {
      if (!item.isObject()) {
        throw new IllegalArgumentException(
            "known issues YAML: each issue must be a mapping, not " + item);
      }
      Map<String, String> m = new LinkedHashMap<>();
      item.fields()
          .forEachRemaining(
              f ->
                  m.put(
                      f.getKey().toLowerCase(Locale.ROOT),
                      f.getValue().isNull() ? "" : f.getValue().asText()));
      out.add(fromMap(m));
    }
    return new KnownIssues(out);
  }

  private static KnownIssue fromMap(Map<String, String> m) {
    return new KnownIssue(
        m.get("signature_id"),
        m.get("service"),
        first(m, "tracker_url", "tracking_issue", "url"),
        m.get("status"),
        first(m, "resolved_revision", "resolved_at_revision"));
  }

  private static String first(Map<String, String> m, String... keys) {
    for (String k : keys) {
      String v = m.get(k);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }
}
