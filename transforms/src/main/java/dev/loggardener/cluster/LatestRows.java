package dev.loggardener.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first rule of the {@code clusters_latest} view (docs/streaming.md), for readers of rows in
 * Java: within a run lineage ({@code run_id}) a cluster's latest row in its (window, service)
 * supersedes the earlier ones: the highest {@code emit_seq}, then pane, then emission time.
 * Tombstones are kept: what a reader does with them (a count of zero) is its own rule.
 */
public final class LatestRows {
  private static final Comparator<ClusterRow> NEWEST_IN_LINEAGE =
      Comparator.comparingLong(ClusterRow::emitSeq)
          .thenComparingLong(ClusterRow::paneIndex)
          .thenComparing(ClusterRow::emittedAt, Comparator.nullsFirst(Comparator.naturalOrder()));

  private LatestRows() {}

  /** The latest row per (window, service, cluster, run lineage), in first-seen order. */
  public static List<ClusterRow> perLineage(Iterable<ClusterRow> rows) {
    Map<String, ClusterRow> latest = new LinkedHashMap<>();
    for (ClusterRow r : rows) {
      latest.merge(
          r.windowStart() + "|" + r.service() + "|" + r.clusterId() + "|" + r.runId(),
          r,
          (a, b) -> NEWEST_IN_LINEAGE.compare(a, b) >= 0 ? a : b);
    }
    return new ArrayList<>(latest.values());
  }
}
