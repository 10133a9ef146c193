package dev.loggardener.history;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.Status;

/**
 * The status of a cluster row against its signature's history and the known-issues registry, in
 * order of precedence:
 *
 * <ol>
 *   <li>{@code REGRESSION}: the registry marks the signature resolved and one of the row's
 *       revisions is newer than the revision it was resolved at (or it was resolved without a
 *       revision). An older revision still emitting it is not a regression.
 *   <li>{@code NEW}: the signature was never seen for the service in an earlier window.
 *   <li>{@code SPIKE}: the count is well above the recent baseline ({@link SpikeRule}).
 *   <li>{@code ONGOING}: otherwise.
 * </ol>
 */
public final class ClusterStatus {
  private ClusterStatus() {}

  /** The row with {@code status} and {@code tracking_issue} set; {@code history} excludes it. */
  public static ClusterRow classify(
      ClusterRow row, SignatureHistory history, KnownIssues registry) {
    long start = row.windowStart().toEpochMilli();
    long length = Math.max(1, row.windowEnd().toEpochMilli() - start);
    // A registry line may name the group or, as before groups, the signature the row names.
    KnownIssue known = registry.lookup(row.service(), row.clusterId());
    if (known == null && !row.clusterId().equals(row.signatureId())) {
      known = registry.lookup(row.service(), row.signatureId());
    }
    Status status;
    if (known != null && known.isResolved() && reappearedAfterFix(row, known)) {
      status = Status.REGRESSION;
    } else if (!history.seenBefore(start)) {
      status = Status.NEW;
    } else if (SpikeRule.isSpike(row.count(), history, start, length)) {
      status = Status.SPIKE;
    } else {
      status = Status.ONGOING;
    }
    return row.toBuilder()
        .status(status)
        .trackingIssue(known == null ? row.trackingIssue() : known.trackerUrl)
        .recentCounts(recentCounts(row.count(), history, start, length))
        .build();
  }

  /** How many recent windows a row carries for its trend. */
  public static final int TREND_WINDOWS = 24;

  /** Counts of the {@link #TREND_WINDOWS} windows ending with this one, oldest first. */
  static java.util.List<Long> recentCounts(
      long count, SignatureHistory history, long start, long length) {
    java.util.Map<Long, Long> past = history.before(start);
    java.util.List<Long> out = new java.util.ArrayList<>(TREND_WINDOWS);
    for (int k = TREND_WINDOWS - 1; k >= 1; k--) {
      out.add(past.getOrDefault(start - k * length, 0L));
    }
    out.add(count);
    return out;
  }

  private static boolean reappearedAfterFix(ClusterRow row, KnownIssue known) {
    if (known.resolvedRevision.isEmpty()) {
      return true;
    }
    for (String r : row.revisions()) {
      if (RevisionOrder.isNewer(r, known.resolvedRevision)) {
        return true;
      }
    }
    return false;
  }
}
