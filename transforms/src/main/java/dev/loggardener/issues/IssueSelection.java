package dev.loggardener.issues;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.PaneTiming;
import java.util.Set;

/**
 * Which cluster rows deserve a tracker issue, and on which pane to act. By default: P0 and P1
 * clusters whose status is NEW, REGRESSION or SPIKE and that are not a cascade symptom of another
 * cluster (the root gets the issue; its symptoms are listed in it). Exactly one pane per
 * (signature, window) is acted on — the on-time pane, or the first pane when the cluster only
 * appeared after the watermark — so early and late firings never file again.
 */
public final class IssueSelection {
  private static final Set<String> PRIORITIES = Set.of("P0", "P1");
  private static final Set<String> STATUSES = Set.of("NEW", "REGRESSION", "SPIKE");

  private IssueSelection() {}

  public static boolean needsIssue(ClusterRow r) {
    return !r.isTombstone() // its entries are filed under the cluster that absorbed them
        && PRIORITIES.contains(r.priority().value())
        && STATUSES.contains(r.status().value())
        && !isCascadeSymptom(r)
        && isActingPane(r);
  }

  static boolean isCascadeSymptom(ClusterRow r) {
    return !r.rootCauseSignatureId().isEmpty() && !r.rootCauseSignatureId().equals(r.clusterId());
  }

  static boolean isActingPane(ClusterRow r) {
    return r.paneTiming() == PaneTiming.ON_TIME
        || (r.paneTiming() == PaneTiming.LATE && r.paneIndex() == 0);
  }
}
