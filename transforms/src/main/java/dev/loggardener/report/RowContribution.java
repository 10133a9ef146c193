package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one cluster row added to a window's report totals, kept small so it can be remembered per
 * cluster and taken back when a newer row of the same cluster replaces it: its pane and count (to
 * tell which row is newer), its priority, and whether it was a cascade symptom or part of a
 * cascade.
 */
public final class RowContribution implements Serializable {
  private static final long serialVersionUID = 1L;

  public final long paneIndex;
  public final long count;
  public final String priority;
  public final boolean symptom;
  public final boolean inCascade;

  /** The row's {@code emit_seq}; 0 when it has none. */
  public final long emitSeq;

  public RowContribution(
      long paneIndex, long count, String priority, boolean symptom, boolean inCascade) {
    this(paneIndex, count, priority, symptom, inCascade, 0);
  }

  public RowContribution(
      long paneIndex,
      long count,
      String priority,
      boolean symptom,
      boolean inCascade,
      long emitSeq) {
    this.emitSeq = emitSeq;
    this.paneIndex = paneIndex;
    this.count = count;
    this.priority = Objects.requireNonNull(priority, "priority");
    this.symptom = symptom;
    this.inCascade = inCascade;
  }

  public static RowContribution of(ClusterRow r) {
    return new RowContribution(
        r.paneIndex(),
        r.count(),
        r.priority().value(),
        ClusterTally.isSymptom(r),
        WindowDigest.inCascade(r),
        r.emitSeq());
  }

  /** Whether {@code row} replaces the row this came from (same rule as {@link TopRows}). */
  public boolean isReplacedBy(ClusterRow row) {
    if (row.emitSeq() > 0 && emitSeq > 0 && row.emitSeq() != emitSeq) {
      return row.emitSeq() > emitSeq;
    }
    return row.paneIndex() > paneIndex || (row.paneIndex() == paneIndex && row.count() > count);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RowContribution)) {
      return false;
    }
    RowContribution c = (RowContribution) o;
    return paneIndex == c.paneIndex
        && count == c.count
        && symptom == c.symptom
        && inCascade == c.inCascade
        && priority.equals(c.priority)
        && emitSeq == c.emitSeq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(paneIndex, count, priority);
  }

  @Override
  public String toString() {
    return "RowContribution{pane "
        + paneIndex
        + " "
        + priority
        + " x"
        + count
        + (symptom ? " symptom" : "")
        + (inCascade ? " in cascade" : "")
        + "}";
  }
}
