package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a report needs about one (service, window), in bounded memory however many clusters
 * the window has: the top {@code maxClusters} rows in rank order (the ones the report lists), the
 * rows that take part in a cascade (so the cascade chains, root causes and actions stay whole when
 * their clusters are not listed), exact per-priority totals of all clusters, and the entries read.
 * It is the accumulator of the report combine: rows and counts are added one at a time and digests
 * of parts of the window merge in any order to the same result.
 *
 * <p>Panes accumulate upstream, so a cluster arrives again with each pane. Each row comes with what
 * the older row of its cluster contributed ({@link ReportInput#replaces}), which is taken back from
 * the totals, so a cluster counts once, at its latest row. Cascade rows are kept without sample
 * text and lists (names, counts and links are all the cascade section uses), at most {@value
 * #MAX_CASCADE_ROWS} of them; cascades are analysed for at most {@code --cascadeMaxClusters}
 * clusters per window upstream (200 by default), so the cap is not reached in practice. A cluster
 * that leaves a cascade in a later pane is kept as a row without cascade fields, so that merging in
 * another order cannot bring its older cascade row back.
 */
public final class WindowDigest implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Cap on the cascade rows kept besides the listed ones; the best ranked are kept. */
  public static final int MAX_CASCADE_ROWS = 1_000;

  private final TopRows top;
  private final TopRows cascade;
  private final ClusterTally tally;
  private long entriesRead;
  private String resourceType = "";

  public WindowDigest(int maxClusters) {
    this(new TopRows(maxClusters), new TopRows(MAX_CASCADE_ROWS), new ClusterTally(), 0, "");
  }

  WindowDigest(
      TopRows top, TopRows cascade, ClusterTally tally, long entriesRead, String resourceType) {
    this.top = top;
    this.cascade = cascade;
    this.tally = tally;
    this.entriesRead = entriesRead;
    this.resourceType = resourceType;
  }

  /** Whether a row belongs to a cascade: linked to others, or a symptom of another cluster. */
  static boolean inCascade(ClusterRow r) {
    return !r.cascadeId().isEmpty() || ClusterTally.isSymptom(r);
  }

  public void add(ReportInput in) {
    if (!in.isRow()) {
      // Counts of entries read accumulate across panes too: the largest is the latest.
      entriesRead = Math.max(entriesRead, in.entriesRead);
      return;
    }
    ClusterRow r = in.row;
    tally.add(r);
    RowContribution old = in.replaces;
    if (old != null) {
      tally.change(old.priority, old.count, old.symptom, -1);
    }
    top.offer(r);
    if (inCascade(r) || (old != null && old.inCascade)) {
      cascade.offer(withoutBulk(r));
    }
    resourceType = later(resourceType, r.resourceType());
  }

  public void merge(WindowDigest other) {
    tally.merge(other.tally);
    top.merge(other.top);
    cascade.merge(other.cascade);
    entriesRead = Math.max(entriesRead, other.entriesRead);
    resourceType = later(resourceType, other.resourceType);
  }

  /** The greater of two resource types: any fixed choice would do, this one is order-free. */
  private static String later(String a, String b) {
    return b.compareTo(a) > 0 ? b : a;
  }

  /**
   * The rows the report lists, best first: at most {@code maxClusters}. A tombstone stays in the
   * digest, so that it keeps replacing the row it supersedes, but is not listed: its entries are in
   * the row of the cluster that absorbed them.
   */
  public List<ClusterRow> shownRows() {
    List<ClusterRow> out = new ArrayList<>();
    for (ClusterRow r : top.rows()) {
      if (!r.isTombstone()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Rows in a cascade that are not among {@link #shownRows()}, best first. */
  public List<ClusterRow> cascadeRowsNotShown() {
    List<ClusterRow> out = new ArrayList<>();
    for (ClusterRow r : cascade.rows()) {
      if (inCascade(r) && !r.isTombstone() && top.get(r.clusterId()) == null) {
        out.add(r);
      }
    }
    return out;
  }

  /** Exact totals of every cluster of the window, listed or not. */
  public ClusterTally tally() {
    return tally;
  }

  public long entriesRead() {
    return entriesRead;
  }

  public String resourceType() {
    return resourceType;
  }

  public int maxClusters() {
    return top.cap();
  }

  TopRows top() {
    return top;
  }

  TopRows cascade() {
    return cascade;
  }

  /** The row without what only a listed cluster's section shows, to keep cascade rows small. */
  private static ClusterRow withoutBulk(ClusterRow r) {
    return r.toBuilder()
        .sampleMessage("")
        .sampleTrace("")
        .revisions(List.of())
        .logNames(List.of())
        .recentCounts(List.of())
        .build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WindowDigest)) {
      return false;
    }
    WindowDigest d = (WindowDigest) o;
    return entriesRead == d.entriesRead
        && resourceType.equals(d.resourceType)
        && tally.equals(d.tally)
        && top.equals(d.top)
        && cascade.equals(d.cascade);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entriesRead, resourceType, tally);
  }

  @Override
  public String toString() {
    return "WindowDigest{"
        + tally.totalClusters()
        + " clusters, "
        + top.size()
        + " shown, "
        + cascade.size()
        + " cascade rows, "
        + entriesRead
        + " read}";
  }
}
