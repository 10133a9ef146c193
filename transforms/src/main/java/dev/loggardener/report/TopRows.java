package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * At most {@code cap} cluster rows of one (service, window): the latest row of each signature, and
 * of those the best in {@link ClusterRanking#ORDER}. Panes accumulate upstream, so the same cluster
 * arrives several times with growing counts; a row replaces the one of its signature only when it
 * is newer (higher pane, then higher count), whatever order they arrive in. Adding rows costs O(log
 * cap) and memory never exceeds {@code cap} rows.
 *
 * <p>The result does not depend on how the rows are split and merged as long as a cluster's newer
 * row never ranks below its older one, which holds while counts only grow and priority does not
 * fall as the count grows. If a newer row did rank lower, a row evicted earlier could be missing
 * from the top, which is only ever a question of which clusters are near the cut.
 */
public final class TopRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int cap;
  private final TreeSet<ClusterRow> ranked = new TreeSet<>(ClusterRanking.ORDER);
  private final Map<String, ClusterRow> bySignature = new HashMap<>();

  public TopRows(int cap) {
    if (cap < 0) {
      throw new IllegalArgumentException("cap must be 0 or more: " + cap);
    }
    this.cap = cap;
  }

  public int cap() {
    return cap;
  }

  /**
   * The later emission when both rows carry one ({@code emit_seq}: a row that changed only in its
   * cascade fields keeps its pane and count); else the rule the report has always used: highest
   * pane index, then highest count.
   */
  public static boolean isNewer(ClusterRow candidate, ClusterRow current) {
    if (candidate.emitSeq() > 0
        && current.emitSeq() > 0
        && candidate.emitSeq() != current.emitSeq()) {
      return candidate.emitSeq() > current.emitSeq();
    }
    return candidate.paneIndex() > current.paneIndex()
        || (candidate.paneIndex() == current.paneIndex() && candidate.count() > current.count());
  }

  public void offer(ClusterRow row) {
    ClusterRow current = bySignature.get(row.clusterId());
    if (current != null) {
      if (!isNewer(row, current)) {
        return;
      }
      ranked.remove(current);
      bySignature.remove(row.clusterId());
    }
    ranked.add(row);
    bySignature.put(row.clusterId(), row);
    if (ranked.size() > cap) {
      ClusterRow worst = ranked.pollLast();
      bySignature.remove(worst.clusterId());
    }
  }

  public void merge(TopRows other) {
    for (ClusterRow r : other.ranked) {
      offer(r);
    }
  }

  public int size() {
    return ranked.size();
  }

  /** The row kept for this signature, or null. */
  public ClusterRow get(String signatureId) {
    return bySignature.get(signatureId);
  }

  /** In rank order, best first. */
  public List<ClusterRow> rows() {
    return new ArrayList<>(ranked);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopRows && cap == ((TopRows) o).cap && rows().equals(((TopRows) o).rows());
  }

  @Override
  public int hashCode() {
    return bySignature.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "TopRows{cap=" + cap + ", " + ranked.size() + " rows}";
  }
}
