package dev.loggardener.flink;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.LatestRows;
import dev.loggardener.cluster.RunKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code clusters_latest} view's rules, in Java, over rows a test collected: within a run
 * lineage ({@code run_id}) the latest row of a cluster wins (highest {@code emit_seq}, then pane,
 * then time); where a backfill wrote a (window, service), only the newest backfill's rows count
 * there; otherwise the lineages' latest rows add up; a cluster whose latest rows are all tombstones
 * has no count. The view's SQL itself is checked on ZetaSQL in the {@code sql-check} module.
 */
final class ClustersLatest {
  private ClustersLatest() {}

  /** Count per {@code window_start|service|cluster}, as the view gives it. */
  static Map<String, Long> counts(List<ClusterRow> rows) {
    List<ClusterRow> latest = LatestRows.perLineage(rows);
    Map<String, String> backfill = new HashMap<>();
    for (ClusterRow r : latest) {
      if (r.runKind() == RunKind.BATCH) {
        backfill.merge(scope(r), r.runId(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    Map<String, Long> total = new TreeMap<>();
    Map<String, Boolean> live = new HashMap<>();
    for (ClusterRow r : latest) {
      String newestBackfill = backfill.get(scope(r));
      if (newestBackfill != null && !newestBackfill.equals(r.runId())) {
        continue;
      }
      total.merge(key(r), r.count(), Long::sum);
      live.merge(key(r), !r.isTombstone(), Boolean::logicalOr);
    }
    total.keySet().removeIf(k -> !live.get(k));
    return total;
  }

  static String key(ClusterRow r) {
    return scope(r) + "|" + r.clusterId();
  }

  private static String scope(ClusterRow r) {
    return r.windowStart() + "|" + r.service();
  }
}
