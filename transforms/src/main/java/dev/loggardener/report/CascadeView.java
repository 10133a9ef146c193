package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.markdown.MarkdownCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the report's "Cascade analysis" values from one report's rows: per cascade, each chain
 * from its root to a symptom that nothing follows, written {@code root → symptom → symptom}, and
 * the evidence of every link. A link whose cause is in another service (a cascade found through
 * shared traces) starts its chain at that signature id, marked as in another service. Values are
 * raw text, escaped by the template's double braces like every other log-derived string.
 */
final class CascadeView {
  private CascadeView() {}

  static List<Map<String, Object>> of(List<ClusterRow> ranked) {
    Map<String, List<ClusterRow>> byCascade = new TreeMap<>();
    for (ClusterRow r : ranked) {
      if (!r.cascadeId().isEmpty()) {
        byCascade.computeIfAbsent(r.cascadeId(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, List<ClusterRow>> c : byCascade.entrySet()) {
      Map<String, ClusterRow> bySig = new HashMap<>();
      Map<String, Integer> children = new HashMap<>();
      for (ClusterRow r : c.getValue()) {
        bySig.put(r.clusterId(), r);
      }
      for (ClusterRow r : c.getValue()) {
        if (bySig.containsKey(r.cascadeParentSignatureId())) {
          children.merge(r.cascadeParentSignatureId(), 1, Integer::sum);
        }
      }
      List<Map<String, Object>> chains = new ArrayList<>();
      List<Map<String, Object>> links = new ArrayList<>();
      for (ClusterRow r : c.getValue()) {
        if (!r.cascadeEvidence().isEmpty()) {
          Map<String, Object> link = new LinkedHashMap<>();
          link.put("text", name(r) + " " + r.cascadeEvidence());
          links.add(link);
        }
        if (children.containsKey(r.clusterId())) {
          continue; // not the end of a chain
        }
        List<String> path = new ArrayList<>();
        ClusterRow cur = r;
        int guard = 0;
        while (cur != null && guard++ <= c.getValue().size()) {
          path.add(0, name(cur));
          String p = cur.cascadeParentSignatureId();
          ClusterRow parent = bySig.get(p);
          if (parent == null && !p.isEmpty()) {
            path.add(0, p + " (in another service)");
          }
          cur = parent;
        }
        if (path.size() > 1) {
          Map<String, Object> chain = new LinkedHashMap<>();
          chain.put("text", String.join(" → ", path));
          chains.add(chain);
        }
      }
      if (chains.isEmpty()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      ClusterRow any = c.getValue().get(0);
      ClusterRow root = bySig.get(any.rootCauseSignatureId());
      m.put("cascadeId", c.getKey());
      m.put(
          "root", root == null ? any.rootCauseSignatureId() + " (in another service)" : name(root));
      m.put("chains", chains);
      m.put("links", links);
      m.put("mermaidBlock", MarkdownCode.fencedBlock(mermaid(c.getValue(), bySig), "mermaid"));
      out.add(m);
    }
    return out;
  }

  /** The cascade as a Mermaid flowchart, cause to symptom; GitHub and most viewers draw it. */
  static String mermaid(List<ClusterRow> rows, Map<String, ClusterRow> bySig) {
    StringBuilder sb = new StringBuilder("flowchart LR\n");
    for (ClusterRow r : rows) {
      sb.append("  ")
          .append(MermaidText.nodeId(r.clusterId()))
          .append('[')
          .append(
              MermaidText.label(
                  r.priority()
                      + " x"
                      + r.count()
                      + ": "
                      + ReportView.truncate(
                          r.clusterTemplate().replaceAll("\\s+", " ").trim(),
                          ReportView.HEADING_PATTERN_CHARS)))
          .append("]\n");
    }
    for (ClusterRow r : rows) {
      String parent = r.cascadeParentSignatureId();
      if (parent.isEmpty() || parent.equals(r.clusterId())) {
        continue;
      }
      if (!bySig.containsKey(parent)) {
        sb.append("  ")
            .append(MermaidText.nodeId(parent))
            .append('[')
            .append(MermaidText.label(parent + " (in another service)"))
            .append("]\n");
      }
      sb.append("  ")
          .append(MermaidText.nodeId(parent))
          .append(" --> ")
          .append(MermaidText.nodeId(r.clusterId()))
          .append('\n');
    }
    return sb.toString();
  }

  /** Root cause line of one cluster. */
  static String rootCause(ClusterRow r, Map<String, ClusterRow> bySig) {
    if (r.rootCauseSignatureId().isEmpty()) {
      return "not analysed";
    }
    if (r.rootCauseSignatureId().equals(r.clusterId())) {
      return r.cascadeId().isEmpty()
          ? "itself (no linked cluster)"
          : "itself (root of " + r.cascadeId() + ")";
    }
    ClusterRow root = bySig.get(r.rootCauseSignatureId());
    return (root == null ? r.rootCauseSignatureId() + " (in another service)" : name(root))
        + " via "
        + r.cascadeId();
  }

  private static String name(ClusterRow r) {
    String pattern = r.clusterTemplate().replaceAll("\\s+", " ").trim();
    return r.clusterId()
        + " ("
        + ReportView.truncate(pattern, ReportView.HEADING_PATTERN_CHARS)
        + ")";
  }
}
