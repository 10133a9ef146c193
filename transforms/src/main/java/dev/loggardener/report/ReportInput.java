package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.io.Serializable;
import java.util.Objects;

/**
 * One input of a window's {@link WindowDigest}: either a cluster row, together with what the older
 * row of the same cluster contributed (which the row replaces), or the number of entries read for
 * the service. One type for both lets a single combine build the whole report's data, instead of
 * joining the rows with the count in a group that holds every row at once.
 */
public final class ReportInput implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The row, or null when this carries an entries-read count. */
  public final ClusterRow row;

  /** The older row of the same cluster that {@link #row} replaces; null when it is the first. */
  public final RowContribution replaces;

  /** Entries read for the service as of some pane; -1 when this carries a row. */
  public final long entriesRead;

  private ReportInput(ClusterRow row, RowContribution replaces, long entriesRead) {
    this.row = row;
    this.replaces = replaces;
    this.entriesRead = entriesRead;
  }

  /** A row that is the first of its cluster ({@code replaces} null) or replaces an older one. */
  public static ReportInput row(ClusterRow row, RowContribution replaces) {
    return new ReportInput(Objects.requireNonNull(row, "row"), replaces, -1);
  }

  public static ReportInput entriesRead(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("entries read must be 0 or more: " + n);
    }
    return new ReportInput(null, null, n);
  }

  public boolean isRow() {
    return row != null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReportInput)) {
      return false;
    }
    ReportInput i = (ReportInput) o;
    return entriesRead == i.entriesRead
        && Objects.equals(row, i.row)
        && Objects.equals(replaces, i.replaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(row, entriesRead);
  }

  @Override
  public String toString() {
    return isRow()
        ? "ReportInput{" + row + (replaces == null ? "" : " replacing " + replaces) + "}"
        : "ReportInput{entriesRead=" + entriesRead + "}";
  }
}
