package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.Status;
import dev.loggardener.markdown.MarkdownCode;
import dev.loggardener.priority.Priority;
import dev.loggardener.priority.PriorityLevel;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ServiceWindowReport} into the map the template sees. Plain maps rather than
 * objects so that a user template's vocabulary is exactly the documented keys (listed in the
 * default template's header comment). Values are raw text, to be escaped by the factory on {@code
 * {{x}}}, except the keys ending in {@code Code} or {@code Block}, which are safe markdown built
 * here for {@code {{{x}}}}. Truncation happens here, on raw text, so that it can never cut an
 * escape sequence in half.
 */
final class ReportView {

  static final int SAMPLE_CHAR_LIMIT = 4_000;
  static final int PATTERN_CHAR_LIMIT = 1_000;
  static final int TABLE_PATTERN_CHARS = 80;
  static final int HEADING_PATTERN_CHARS = 60;
  static final int MAX_LISTED = 10;

  private ReportView() {}

  static Map<String, Object> of(ServiceWindowReport r) {
    List<ClusterRow> ranked = ClusterRanking.rank(r.clusters());
    // A capped report's totals come from the window's tally; an uncapped one's from its rows.
    ClusterTally all = r.windowTally() != null ? r.windowTally() : ClusterTally.of(ranked);
    ClusterTally notListed = all.minus(ClusterTally.of(ranked));
    // Listed rows plus the window's other cascade rows: all the rows chains and actions name.
    Map<String, ClusterRow> bySig = new java.util.HashMap<>();
    ranked.forEach(c -> bySig.put(c.clusterId(), c));
    List<ClusterRow> known = new ArrayList<>(ranked);
    for (ClusterRow c : r.cascadeRows()) {
      if (bySig.putIfAbsent(c.clusterId(), c) == null) {
        known.add(c);
      }
    }
    known = ClusterRanking.rank(known);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("service", r.service());
    v.put("resourceType", r.resourceType());
    v.put("windowStart", time(r.windowStart()));
    v.put("windowEnd", time(r.windowEnd()));
    v.put("paneIndex", Long.toString(r.paneIndex()));
    v.put("paneTiming", r.paneTiming());
    v.put("isFinal", r.isFinal());
    v.put("finality", r.isFinal() ? "final" : "not final, counts may still grow");
    v.put("entriesRead", number(r.entriesRead()));
    v.put("entriesKept", number(r.entriesKept()));
    v.put("clusterCount", number(all.totalClusters()));
    v.put("hasClusters", !ranked.isEmpty());
    v.put("priorityCounts", priorityCounts(all));
    if (r.generatedAt() != null) {
      v.put("generatedAt", time(r.generatedAt()));
    }
    List<Map<String, Object>> clusters = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      clusters.add(cluster(i + 1, ranked.get(i)));
    }
    v.put("clusters", clusters);
    v.put("shownClusterCount", number(ranked.size()));
    v.put("hasMore", notListed.totalClusters() > 0);
    v.put("moreClusterCount", number(notListed.totalClusters()));
    v.put("moreEntryCount", number(notListed.totalEntries()));
    v.put("morePriorityCounts", priorityCounts(notListed));
    v.put("moreText", moreText(notListed));
    // Gardener: cascades and per-cluster status / root cause.
    List<Map<String, Object>> cascades = CascadeView.of(known);
    v.put("cascades", cascades);
    v.put("hasCascades", !cascades.isEmpty());
    for (int i = 0; i < ranked.size(); i++) {
      ClusterRow c = ranked.get(i);
      clusters.get(i).put("status", c.status() == Status.UNSET ? "—" : c.status().value());
      clusters.get(i).put("rootCause", CascadeView.rootCause(c, bySig));
      clusters.get(i).put("trackingIssue", c.trackingIssue().isEmpty() ? "—" : c.trackingIssue());
      clusters.get(i).put("processing", ProcessingStatus.of(c, bySig));
      clusters.get(i).put("trend", Sparkline.of(c.recentCounts()));
    }
    List<Map<String, Object>> actions = ProcessingStatus.actions(known, bySig, all);
    v.put("actions", actions);
    v.put("hasActions", !actions.isEmpty());
    return v;
  }

  /**
   * "… and 9,950 more clusters (12,345 entries: P2 9,000 clusters, 11,000 entries; P3 950 clusters,
   * 1,345 entries) — query the cluster table for all of them"; empty when none.
   */
  static String moreText(ClusterTally notListed) {
    long clusters = notListed.totalClusters();
    if (clusters <= 0) {
      return "";
    }
    List<String> levels = new ArrayList<>();
    for (int k = 0; k < ClusterTally.SLOTS; k++) {
      if (notListed.clusters(k) > 0) {
        String level = k < Priority.LEVELS.size() ? Priority.LEVELS.get(k) : "unranked";
        levels.add(
            level
                + " "
                + plural(notListed.clusters(k), "cluster")
                + ", "
                + plural(notListed.entries(k), "entry", "entries"));
      }
    }
    return "… and "
        + number(clusters)
        + " more "
        + (clusters == 1 ? "cluster" : "clusters")
        + " ("
        + plural(notListed.totalEntries(), "entry", "entries")
        + ": "
        + String.join("; ", levels)
        + ") — query the cluster table for all of them";
  }

  private static List<Map<String, Object>> priorityCounts(ClusterTally tally) {
    int levels = Priority.LEVELS.size();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int k = 0; k <= levels; k++) {
      long clusterCount = tally.clusters(k);
      long entryCount = tally.entries(k);
      if (k == levels && clusterCount == 0) {
        break; // "unranked" is only worth a line when something upstream left a level unset
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("level", k < levels ? Priority.LEVELS.get(k) : "unranked");
      m.put("clusterCount", number(clusterCount));
      m.put("entryCount", number(entryCount));
      m.put(
          "text", plural(clusterCount, "cluster") + ", " + plural(entryCount, "entry", "entries"));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> cluster(int rank, ClusterRow c) {
    Map<String, Object> m = new LinkedHashMap<>();
    String pattern = c.clusterTemplate();
    m.put("rank", Integer.toString(rank));
    m.put("priority", c.priority() == PriorityLevel.UNSET ? "unranked" : c.priority().value());
    m.put("priorityReason", c.priorityReason());
    m.put("count", number(c.count()));
    m.put("severity", c.severity());
    // The id of the pattern shown: the group's (a signature id of its template), which cascade
    // chains, actions and issue files name too.
    m.put("signatureId", c.clusterId());
    int members = c.groupMemberIds().size();
    m.put("grouped", members > 1);
    m.put(
        "groupText",
        (members >= ClusterRow.MAX_GROUP_MEMBER_IDS ? "at least " : "")
            + number(members)
            + " signatures, heaviest "
            + c.signatureId()
            + ": "
            + MarkdownCode.codeSpan(truncate(c.signature(), PATTERN_CHAR_LIMIT)));
    List<Map<String, Object>> values = new ArrayList<>();
    for (int i = 0; i < c.groupValues().size(); i++) {
      if (!c.groupValues().get(i).isEmpty()) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("position", Integer.toString(i + 1));
        v.put(
            "valuesCode",
            MarkdownCode.codeSpan(truncate(c.groupValues().get(i), PATTERN_CHAR_LIMIT)));
        values.add(v);
      }
    }
    m.put("groupValues", values);
    m.put("sigVersion", Integer.toString(c.sigVersion()));
    m.put("patternShort", truncate(oneLine(pattern), TABLE_PATTERN_CHARS));
    m.put("patternHeading", truncate(oneLine(pattern), HEADING_PATTERN_CHARS));
    m.put("patternCode", MarkdownCode.codeSpan(truncate(pattern, PATTERN_CHAR_LIMIT)));
    m.put("firstSeen", time(c.firstSeen()));
    m.put("lastSeen", time(c.lastSeen()));
    m.put("revisions", list(c.revisions()));
    m.put("instanceCount", number(c.instanceCount()));
    m.put("logNames", list(c.logNames()));
    boolean hasSample = !c.sampleMessage().isEmpty();
    m.put("hasSample", hasSample);
    // No ellipsis inside the block: it would read as log text; the note below says it instead.
    String shown = cut(c.sampleMessage(), SAMPLE_CHAR_LIMIT);
    boolean truncated = shown.length() < c.sampleMessage().length();
    m.put("sampleBlock", hasSample ? MarkdownCode.fencedBlock(shown, "text") : "*(empty message)*");
    m.put("sampleTruncated", truncated);
    m.put("sampleShownChars", number(shown.length()));
    m.put("sampleTotalChars", number(c.sampleMessage().length()));
    m.put("sampleInsertId", c.sampleInsertId().isEmpty() ? "—" : c.sampleInsertId());
    m.put("sampleTrace", c.sampleTrace().isEmpty() ? "—" : c.sampleTrace());
    return m;
  }

  /** RFC 3339 in UTC, the only zone reports use: mixed zones caused mistakes in the worklogs. */
  static String time(Instant t) {
    return t == null ? "unknown" : DateTimeFormatter.ISO_INSTANT.format(t);
  }

  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String plural(long n, String one) {
    return plural(n, one, one + "s");
  }

  private static String plural(long n, String one, String many) {
    return number(n) + " " + (n == 1 ? one : many);
  }

  private static String list(List<String> items) {
    if (items.isEmpty()) {
      return "—";
    }
    List<String> shown = items.size() <= MAX_LISTED ? items : items.subList(0, MAX_LISTED);
    String joined = String.join(", ", shown);
    return items.size() <= MAX_LISTED
        ? joined
        : joined + " and " + number(items.size() - MAX_LISTED) + " more";
  }

  /** Collapses runs of whitespace (including line breaks) for one-line summaries. */
  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  /** At most {@code max} chars, ending in "…" when cut; never splits a surrogate pair. */
  static String truncate(String s, int max) {
    return s.length() <= max ? s : cut(s, max - 1) + "…";
  }

  /** The first {@code max} chars at most, one fewer if that would split a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
