package dev.loggardener.issues;

import com.github.mustachejava.Mustache;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.markdown.MarkdownCode;
import dev.loggardener.markdown.MarkdownMustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a cluster row into an {@link IssueDraft}, rendered from {@code templates/issue.md.mustache}
 * with the report's markdown escaping, so log text cannot break the issue's markdown or inject
 * links. The title follows the seed worklog's convention, {@code GCP-<status> | P0 | service: short
 * pattern}; the body carries counts, the sample, the cascade, a Logs Explorer link for the
 * signature and hidden markers used to find the issue again.
 */
public final class IssueDrafter implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String TEMPLATE = "templates/issue.md.mustache";
  private static final int TITLE_PATTERN_CHARS = 80;
  private static final Pattern PROJECT = Pattern.compile("^projects/([^/]+)/");
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private final String templateText;
  private transient Mustache template;

  public IssueDrafter() {
    this.templateText = loadDefault();
  }

  private static String loadDefault() {
    try (InputStream in = IssueDrafter.class.getResourceAsStream("/" + TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hidden marker of the signature; the service is slugged so log text cannot end the comment. */
  public static String signatureMarker(ClusterRow r) {
    return "<!-- log-gardener:signature=" + slug(r.service()) + "/" + slug(r.clusterId()) + " -->";
  }

  public static String windowMarker(ClusterRow r) {
    return "<!-- log-gardener:window="
        + slug(r.service())
        + "/"
        + slug(r.clusterId())
        + "/"
        + ClusterRowJson.ts(r.windowStart())
        + " -->";
  }

  public IssueDraft draft(ClusterRow r) {
    String rowStatus = r.status().value();
    String priority = r.priority().value();
    String status = rowStatus.isEmpty() ? "new" : rowStatus.toLowerCase(Locale.ROOT);
    String pattern = oneLine(r.clusterTemplate());
    String shortPattern =
        pattern.length() > TITLE_PATTERN_CHARS
            ? pattern.substring(0, TITLE_PATTERN_CHARS - 1) + "…"
            : pattern;
    String title =
        "GCP-" + status + " | " + priority + " | " + oneLine(r.service()) + ": " + shortPattern;
    Map<String, Object> v = new HashMap<>();
    v.put("service", r.service());
    v.put("priority", priority);
    v.put("priorityReason", r.priorityReason());
    v.put("status", rowStatus.isEmpty() ? "unknown" : rowStatus);
    v.put("count", r.count());
    v.put("severity", r.severity());
    v.put("windowStart", ClusterRowJson.ts(r.windowStart()));
    v.put("windowEnd", ClusterRowJson.ts(r.windowEnd()));
    v.put("firstSeen", ClusterRowJson.ts(r.firstSeen()));
    v.put("lastSeen", ClusterRowJson.ts(r.lastSeen()));
    v.put("revisions", String.join(", ", r.revisions()));
    v.put("instanceCount", r.instanceCount());
    v.put("signatureId", r.clusterId());
    v.put(
        "groupMembers",
        r.groupMemberIds().size() > 1
            ? (r.groupMemberIds().size() >= ClusterRow.MAX_GROUP_MEMBER_IDS ? "at least " : "")
                + r.groupMemberIds().size()
                + " signatures in this window: "
                + String.join(", ", r.groupMemberIds())
            : "");
    v.put("patternCode", MarkdownCode.codeSpan(pattern));
    v.put("sampleBlock", MarkdownCode.fencedBlock(r.sampleMessage(), "text"));
    v.put(
        "rootCause",
        r.rootCauseSignatureId().isEmpty() || r.rootCauseSignatureId().equals(r.clusterId())
            ? ""
            : r.rootCauseSignatureId());
    v.put("cascadeId", r.cascadeId());
    v.put("logsExplorerUrl", logsExplorerUrl(r));
    v.put("signatureMarker", signatureMarker(r));
    v.put("windowMarker", windowMarker(r));
    String body = render(v);
    String comment =
        windowMarker(r)
            + "\n"
            + "Seen again in "
            + ClusterRowJson.ts(r.windowStart())
            + " to "
            + ClusterRowJson.ts(r.windowEnd())
            + ": "
            + r.count()
            + " entries, "
            + priority
            + ", status "
            + (rowStatus.isEmpty() ? "unknown" : rowStatus)
            + ".\n";
    List<String> labels = new ArrayList<>(List.of("log-gardener", priority));
    if (!rowStatus.isEmpty()) {
      labels.add(rowStatus.toLowerCase(Locale.ROOT));
    }
    String path =
        slug(r.service()) + "/" + FILE_TIME.format(r.windowStart()) + "_" + r.clusterId() + ".md";
    return new IssueDraft(title, body, labels, signatureMarker(r), windowMarker(r), comment, path);
  }

  /**
   * A Logs Explorer query for the cluster's service and the longest literal part of its signature.
   */
  static String logsExplorerUrl(ClusterRow r) {
    String project = "";
    for (String logName : r.logNames()) {
      Matcher m = PROJECT.matcher(logName);
      if (m.find()) {
        project = m.group(1);
        break;
      }
    }
    String literal = "";
    for (String part : r.clusterTemplate().split("<\\*>|\\n|\\|")) {
      String t = part.trim();
      if (t.length() > literal.length()) {
        literal = t;
      }
    }
    StringBuilder q = new StringBuilder();
    if (r.resourceType().equals("cloud_run_revision")) {
      q.append("resource.labels.service_name=\"").append(r.service()).append("\"\n");
    }
    if (!literal.isEmpty()) {
      q.append('"').append(literal.replace("\"", "\\\"")).append('"');
    }
    String url =
        "https://console.cloud.google.com/logs/query;query="
            + URLEncoder.encode(q.toString(), StandardCharsets.UTF_8).replace("+", "%20")
            + ";timeRange="
            + ClusterRowJson.ts(r.windowStart())
            + "%2F"
            + ClusterRowJson.ts(r.windowEnd());
    return project.isEmpty()
        ? url
        : url + "?project=" + URLEncoder.encode(project, StandardCharsets.UTF_8);
  }

  private String render(Map<String, Object> values) {
    if (template == null) {
      template = new MarkdownMustacheFactory().compile(new StringReader(templateText), TEMPLATE);
    }
    StringWriter w = new StringWriter();
    template.execute(w, values);
    return w.toString();
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "").trim();
  }

  static String slug(String s) {
    String x = s.replaceAll("[^A-Za-z0-9._-]+", "_");
    return x.isEmpty() ? "_" : x;
  }
}
