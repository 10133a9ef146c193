package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The one ordering of clusters that reports, BigQuery consumers and tests share: priority (P0
 * first, unknown levels last), then count descending, then last seen descending (a missing last
 * seen sorts as oldest), then signature id ascending, then signature text ascending. The last two
 * keys make the order total, so reruns and panes of the same window list clusters identically and
 * rank numbers in reports stay stable.
 */
public final class ClusterRanking {

  /** Total order over cluster rows; see the class description. Serializable for Beam use. */
  public static final Comparator<ClusterRow> ORDER = new RowOrder();

  private ClusterRanking() {}

  /** A new list of {@code rows} in rank order; the input is not modified. */
  public static List<ClusterRow> rank(Collection<ClusterRow> rows) {
    List<ClusterRow> out = new ArrayList<>(rows);
    out.sort(ORDER);
    return out;
  }

  private static final class RowOrder implements Comparator<ClusterRow>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(ClusterRow a, ClusterRow b) {
      int c = Integer.compare(a.priority().rank(), b.priority().rank());
      if (c != 0) {
        return c;
      }
      c = Long.compare(b.count(), a.count());
      if (c != 0) {
        return c;
      }
      c = compareNullsFirst(b.lastSeen(), a.lastSeen());
      if (c != 0) {
        return c;
      }
      c = a.clusterId().compareTo(b.clusterId());
      return c != 0 ? c : a.clusterTemplate().compareTo(b.clusterTemplate());
    }

    private static int compareNullsFirst(Instant x, Instant y) {
      if (x == null || y == null) {
        return x == null ? (y == null ? 0 : -1) : 1;
      }
      return x.compareTo(y);
    }
  }
}
