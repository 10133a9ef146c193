package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one markdown report shows: the clusters of one service in one hourly window as of one
 * pane, plus the counts that put them in context (how many entries were read, how many were kept as
 * errors or warnings). Immutable and Serializable so it can travel through a Beam pipeline;
 * clusters are kept in the order given and ranked by the renderer.
 *
 * <p>A report may list only the top clusters of its window. Then {@link #windowTally()} holds the
 * counts of all of them (for the summary and the "more clusters" line) and {@link #cascadeRows()}
 * the cascade rows that are not listed (for chains, root causes and actions). Without a tally, the
 * listed clusters are the whole window, as before reports were capped.
 */
public final class ServiceWindowReport implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final String resourceType;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final long paneIndex;
  private final String paneTiming;
  private final boolean isFinal;
  private final long entriesRead;
  private final long entriesKept;
  private final List<ClusterRow> clusters;
  private final ClusterTally windowTally;
  private final List<ClusterRow> cascadeRows;
  private final Instant generatedAt;

  private ServiceWindowReport(Builder b) {
    service = b.service == null ? "" : b.service;
    resourceType = b.resourceType == null ? "" : b.resourceType;
    windowStart = Objects.requireNonNull(b.windowStart, "windowStart");
    windowEnd = Objects.requireNonNull(b.windowEnd, "windowEnd");
    paneIndex = b.paneIndex;
    paneTiming = b.paneTiming == null || b.paneTiming.isEmpty() ? "UNKNOWN" : b.paneTiming;
    isFinal = b.isFinal;
    entriesRead = b.entriesRead;
    entriesKept = b.entriesKept;
    clusters = b.clusters == null ? List.of() : List.copyOf(b.clusters);
    windowTally = b.windowTally;
    cascadeRows = b.cascadeRows == null ? List.of() : List.copyOf(b.cascadeRows);
    generatedAt = b.generatedAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String service() {
    return service;
  }

  public String resourceType() {
    return resourceType;
  }

  public Instant windowStart() {
    return windowStart;
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  public long paneIndex() {
    return paneIndex;
  }

  /** EARLY, ON_TIME, LATE or UNKNOWN (Beam's {@code PaneInfo.Timing}); never empty. */
  public String paneTiming() {
    return paneTiming;
  }

  public boolean isFinal() {
    return isFinal;
  }

  /** All parsed entries of this service in the window, kept or not. */
  public long entriesRead() {
    return entriesRead;
  }

  /**
   * Errors and warnings that were clustered: the sum of the counts of all the window's clusters.
   */
  public long entriesKept() {
    return entriesKept;
  }

  /** Unmodifiable, in the order given to the builder. */
  public List<ClusterRow> clusters() {
    return clusters;
  }

  /** Counts of all clusters of the window, listed or not; null when {@link #clusters()} are all. */
  public ClusterTally windowTally() {
    return windowTally;
  }

  /** Cascade rows of the window that are not among {@link #clusters()}; may be empty. */
  public List<ClusterRow> cascadeRows() {
    return cascadeRows;
  }

  /** When the report was produced; may be null, in which case reports omit it. */
  public Instant generatedAt() {
    return generatedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ServiceWindowReport)) {
      return false;
    }
    ServiceWindowReport r = (ServiceWindowReport) o;
    return paneIndex == r.paneIndex
        && isFinal == r.isFinal
        && entriesRead == r.entriesRead
        && entriesKept == r.entriesKept
        && service.equals(r.service)
        && resourceType.equals(r.resourceType)
        && windowStart.equals(r.windowStart)
        && windowEnd.equals(r.windowEnd)
        && paneTiming.equals(r.paneTiming)
        && clusters.equals(r.clusters)
        && Objects.equals(windowTally, r.windowTally)
        && cascadeRows.equals(r.cascadeRows)
        && Objects.equals(generatedAt, r.generatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, windowStart, paneIndex, clusters.size());
  }

  @Override
  public String toString() {
    return "ServiceWindowReport{"
        + service
        + " "
        + windowStart
        + ".."
        + windowEnd
        + " pane "
        + paneIndex
        + " "
        + paneTiming
        + (isFinal ? " final" : "")
        + ", "
        + clusters.size()
        + " clusters}";
  }

  /** Mutable builder; {@code windowStart} and {@code windowEnd} are required. */
  public static final class Builder {
    private String service;
    private String resourceType;
    private Instant windowStart;
    private Instant windowEnd;
    private long paneIndex;
    private String paneTiming;
    private boolean isFinal;
    private long entriesRead;
    private long entriesKept;
    private List<ClusterRow> clusters;
    private ClusterTally windowTally;
    private List<ClusterRow> cascadeRows;
    private Instant generatedAt;

    private Builder() {}

    public Builder service(String v) {
      service = v;
      return this;
    }

    public Builder resourceType(String v) {
      resourceType = v;
      return this;
    }

    public Builder windowStart(Instant v) {
      windowStart = v;
      return this;
    }

    public Builder windowEnd(Instant v) {
      windowEnd = v;
      return this;
    }

    public Builder paneIndex(long v) {
      paneIndex = v;
      return this;
    }

    public Builder paneTiming(String v) {
      paneTiming = v;
      return this;
    }

    public Builder isFinal(boolean v) {
      isFinal = v;
      return this;
    }

    public Builder entriesRead(long v) {
      entriesRead = v;
      return this;
    }

    public Builder entriesKept(long v) {
      entriesKept = v;
      return this;
    }

    public Builder clusters(List<ClusterRow> v) {
      clusters = v;
      return this;
    }

    public Builder windowTally(ClusterTally v) {
      windowTally = v;
      return this;
    }

    public Builder cascadeRows(List<ClusterRow> v) {
      cascadeRows = v;
      return this;
    }

    public Builder generatedAt(Instant v) {
      generatedAt = v;
      return this;
    }

    public ServiceWindowReport build() {
      return new ServiceWindowReport(this);
    }
  }
}
