package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.priority.Priority;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Cluster and entry counts of a whole window per priority level, once for all clusters and once for
 * the clusters that are not a cascade symptom (what the report's closing actions count). A fixed
 * number of counters whatever the number of clusters, so a report can state exact totals while
 * listing only its top clusters. Counts can be added and taken back: a newer row of a cluster
 * replaces an older one by adding the new row and removing the old one, which keeps the totals
 * exact across accumulating panes and makes merging a plain sum, in any order.
 */
public final class ClusterTally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One slot per level of {@link Priority#LEVELS} plus one for rows with no known level. */
  static final int SLOTS = Priority.LEVELS.size() + 1;

  final long[] clusters = new long[SLOTS];
  final long[] entries = new long[SLOTS];
  final long[] nonSymptomClusters = new long[SLOTS];
  final long[] nonSymptomEntries = new long[SLOTS];

  public ClusterTally() {}

  /** The tally of exactly these rows. */
  public static ClusterTally of(Iterable<ClusterRow> rows) {
    ClusterTally t = new ClusterTally();
    for (ClusterRow r : rows) {
      t.add(r);
    }
    return t;
  }

  /** A row is a symptom when its root cause is another cluster. */
  public static boolean isSymptom(ClusterRow r) {
    return !r.rootCauseSignatureId().isEmpty() && !r.rootCauseSignatureId().equals(r.clusterId());
  }

  public void add(ClusterRow r) {
    if (r.isTombstone()) {
      return; // no entries, and its cluster is counted where its entries went
    }
    change(r.priority().value(), r.count(), isSymptom(r), 1);
  }

  /** Counts a cluster of this priority and count; {@code sign} -1 takes one back. */
  void change(String priority, long count, boolean symptom, int sign) {
    int k = Priority.rankOf(priority);
    clusters[k] += sign;
    entries[k] += sign * count;
    if (!symptom) {
      nonSymptomClusters[k] += sign;
      nonSymptomEntries[k] += sign * count;
    }
  }

  public void merge(ClusterTally other) {
    for (int k = 0; k < SLOTS; k++) {
      clusters[k] += other.clusters[k];
      entries[k] += other.entries[k];
      nonSymptomClusters[k] += other.nonSymptomClusters[k];
      nonSymptomEntries[k] += other.nonSymptomEntries[k];
    }
  }

  /** This tally less {@code other}'s counts: what the rows of {@code other} leave out. */
  public ClusterTally minus(ClusterTally other) {
    ClusterTally t = new ClusterTally();
    t.merge(this);
    for (int k = 0; k < SLOTS; k++) {
      t.clusters[k] -= other.clusters[k];
      t.entries[k] -= other.entries[k];
      t.nonSymptomClusters[k] -= other.nonSymptomClusters[k];
      t.nonSymptomEntries[k] -= other.nonSymptomEntries[k];
    }
    return t;
  }

  /** Clusters at priority rank {@code k} (0 = P0; {@code LEVELS.size()} = no known level). */
  public long clusters(int k) {
    return clusters[k];
  }

  public long entries(int k) {
    return entries[k];
  }

  public long totalClusters() {
    return Arrays.stream(clusters).sum();
  }

  public long totalEntries() {
    return Arrays.stream(entries).sum();
  }

  /**
   * Clusters that are not a cascade symptom, with ranks from {@code fromRank} to {@code toRank}.
   */
  public long nonSymptomClusters(int fromRank, int toRank) {
    long n = 0;
    for (int k = fromRank; k <= toRank && k < SLOTS; k++) {
      n += nonSymptomClusters[k];
    }
    return n;
  }

  public long nonSymptomEntries(int fromRank, int toRank) {
    long n = 0;
    for (int k = fromRank; k <= toRank && k < SLOTS; k++) {
      n += nonSymptomEntries[k];
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClusterTally)) {
      return false;
    }
    ClusterTally t = (ClusterTally) o;
    return Arrays.equals(clusters, t.clusters)
        && Arrays.equals(entries, t.entries)
        && Arrays.equals(nonSymptomClusters, t.nonSymptomClusters)
        && Arrays.equals(nonSymptomEntries, t.nonSymptomEntries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(clusters) * 31 + Arrays.hashCode(entries);
  }

  @Override
  public String toString() {
    return "ClusterTally{clusters="
        + Arrays.toString(clusters)
        + ", entries="
        + Arrays.toString(entries)
        + "}";
  }
}
