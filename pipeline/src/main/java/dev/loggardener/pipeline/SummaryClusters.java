package dev.loggardener.pipeline;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.priority.Priority;
import dev.loggardener.report.ClusterRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The clusters a local run lists at the end of its summary. A run over one window lists its final
 * rows in report order, as before. A run over an export of a day or a month has one row per cluster
 * and window, so the same cluster would fill the list hour by hour with small counts; there each
 * (service, cluster) is listed once, with its counts summed over the windows, the highest priority
 * it had, and the number of windows it appeared in.
 */
final class SummaryClusters {
  /** One line of the list: a cluster's row, or its rows of several windows rolled up. */
  static final class Line {
    final ClusterRow representative;
    final String priority;
    final long count;
    final int windows;

    Line(ClusterRow representative, String priority, long count, int windows) {
      this.representative = representative;
      this.priority = priority;
      this.count = count;
      this.windows = windows;
    }
  }

  private static final Comparator<Line> ROLLED_UP_ORDER =
      Comparator.comparingInt((Line l) -> Priority.rankOf(l.priority))
          .thenComparing(l -> -l.count)
          .thenComparing(l -> l.representative.service())
          .thenComparing(l -> l.representative.clusterId());

  private SummaryClusters() {}

  /** The number of distinct windows the rows cover. */
  static int windows(List<ClusterRow> rows) {
    TreeSet<Instant> starts = new TreeSet<>();
    for (ClusterRow r : rows) {
      if (r.windowStart() != null) {
        starts.add(r.windowStart());
      }
    }
    return starts.size();
  }

  /**
   * The lines for {@code finalRows}: one per row in report order when they cover at most one
   * window; otherwise one per (service, cluster), the highest priority first, then the biggest
   * total. A rolled-up line shows the pattern of the cluster's highest-ranked row.
   */
  static List<Line> of(List<ClusterRow> finalRows) {
    List<Line> lines = new ArrayList<>();
    if (windows(finalRows) <= 1) {
      for (ClusterRow r : ClusterRanking.rank(finalRows)) {
        lines.add(new Line(r, r.priority().value(), r.count(), 1));
      }
      return lines;
    }
    Map<String, List<ClusterRow>> byCluster = new LinkedHashMap<>();
    for (ClusterRow r : ClusterRanking.rank(finalRows)) {
      byCluster
          .computeIfAbsent(r.service() + '\u0000' + r.clusterId(), k -> new ArrayList<>())
          .add(r);
    }
    for (List<ClusterRow> rows : byCluster.values()) {
      long total = 0;
      for (ClusterRow r : rows) {
        total += r.count();
      }
      // ranked first among its own rows: its highest priority, then its biggest window
      ClusterRow top = rows.get(0);
      lines.add(new Line(top, top.priority().value(), total, rows.size()));
    }
    lines.sort(ROLLED_UP_ORDER);
    return lines;
  }
}
