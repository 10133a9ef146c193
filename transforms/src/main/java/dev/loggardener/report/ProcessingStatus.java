package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.Status;
import dev.loggardener.issues.IssueSelection;
import dev.loggardener.priority.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gardener did or suggests for each cluster, in the words of the seed worklog's
 * "Processing status": new issue drafted, known issue, regression, cascade symptom of a root (no
 * separate issue), or tracked as known debt; and the report's closing list of actions, roots first.
 * Values are raw text, escaped by the template.
 */
final class ProcessingStatus {
  private ProcessingStatus() {}

  static String of(ClusterRow r, Map<String, ClusterRow> bySig) {
    boolean symptom =
        !r.rootCauseSignatureId().isEmpty() && !r.rootCauseSignatureId().equals(r.clusterId());
    if (symptom) {
      ClusterRow root = bySig.get(r.rootCauseSignatureId());
      return "cascade symptom of "
          + (root == null
              ? r.rootCauseSignatureId()
              : r.rootCauseSignatureId()
                  + " ("
                  + ReportView.truncate(oneLine(root.clusterTemplate()), 40)
                  + ")")
          + ": no separate issue; resolves with its root";
    }
    if (!r.trackingIssue().isEmpty()) {
      return (r.status() == Status.REGRESSION ? "regression of known issue " : "known issue ")
          + r.trackingIssue();
    }
    if (IssueSelection.needsIssue(r)) {
      return "new issue drafted (" + r.status() + ", " + r.priority() + ")";
    }
    if (r.priority().rank() >= 2) {
      return r.priority() + ": no issue by default; tracked in this report";
    }
    return r.status() == Status.UNSET
        ? "status unknown: no issue decision"
        : r.status() + ": no new issue";
  }

  /** Roots with their symptoms first, then the other P0/P1 clusters, then the rest in one line. */
  static List<Map<String, Object>> actions(List<ClusterRow> ranked, Map<String, ClusterRow> bySig) {
    return actions(ranked, bySig, ClusterTally.of(ranked));
  }

  /**
   * As above for a report that knows only some rows of its window ({@code ranked}: the listed
   * clusters and the cascade rows) and the counts of all of them ({@code all}). Rows it does not
   * know are in no cascade, so they are neither roots with symptoms nor symptoms: the P0/P1 ones
   * get one line together and the others join the maintenance line.
   */
  static List<Map<String, Object>> actions(
      List<ClusterRow> ranked, Map<String, ClusterRow> bySig, ClusterTally all) {
    List<Map<String, Object>> out = new ArrayList<>();
    long lowCount = 0;
    long lowClusters = 0;
    for (ClusterRow r : ranked) {
      boolean symptom =
          !r.rootCauseSignatureId().isEmpty() && !r.rootCauseSignatureId().equals(r.clusterId());
      if (symptom) {
        continue;
      }
      int symptoms = 0;
      long symptomEntries = 0;
      for (ClusterRow s : ranked) {
        if (s != r && r.clusterId().equals(s.rootCauseSignatureId())) {
          symptoms++;
          symptomEntries += s.count();
        }
      }
      String pattern = ReportView.truncate(oneLine(r.clusterTemplate()), 60);
      if (symptoms > 0) {
        add(
            out,
            r.priority()
                + " — fix the root cause "
                + r.clusterId()
                + " ("
                + pattern
                + "): "
                + "it explains "
                + symptoms
                + " other cluster"
                + (symptoms == 1 ? "" : "s")
                + " ("
                + symptomEntries
                + " entries); verify they stop after the fix");
      } else if (r.priority().rank() <= 1) {
        add(
            out,
            r.priority()
                + " — investigate "
                + r.clusterId()
                + " ("
                + pattern
                + "), "
                + r.count()
                + " entries"
                + (r.trackingIssue().isEmpty() ? "" : "; tracked in " + r.trackingIssue()));
      } else {
        lowClusters++;
        lowCount += r.count();
      }
    }
    ClusterTally known = ClusterTally.of(ranked);
    int lastRank = Priority.LEVELS.size();
    long moreHigh = all.nonSymptomClusters(0, 1) - known.nonSymptomClusters(0, 1);
    if (moreHigh > 0) {
      long moreHighEntries = all.nonSymptomEntries(0, 1) - known.nonSymptomEntries(0, 1);
      add(
          out,
          "P0–P1 — "
              + moreHigh
              + " more cluster"
              + (moreHigh == 1 ? "" : "s")
              + " ("
              + moreHighEntries
              + " entries) not listed in this report: investigate them from the"
              + " cluster table");
    }
    lowClusters += all.nonSymptomClusters(2, lastRank) - known.nonSymptomClusters(2, lastRank);
    lowCount += all.nonSymptomEntries(2, lastRank) - known.nonSymptomEntries(2, lastRank);
    if (lowClusters > 0) {
      add(
          out,
          "P2–P3 — "
              + lowClusters
              + " cluster"
              + (lowClusters == 1 ? "" : "s")
              + " ("
              + lowCount
              + " entries) for regular maintenance");
    }
    return out;
  }

  private static void add(List<Map<String, Object>> out, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    out.add(m);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
