package dev.loggardener.grouping;

import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.ClusterStatsCoder;
import dev.loggardener.cluster.PaneTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Instant;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One fine cluster's row as the aggregation fired it: its window and the aggregation's pane as
 * values (the grouping step keeps its state in the global window, where the element's own window
 * and pane are no longer those of the row) and the cluster's whole stats in the window so far.
 * Immutable.
 */
public final class FineCluster implements Serializable {
  private static final long serialVersionUID = 1L;

  public final Instant windowStart;
  public final Instant windowEnd;

  /** The aggregation's pane of this cluster (its own firings, not the service's). */
  public final long paneIndex;

  public final PaneTiming paneTiming;
  public final boolean isFinal;
  public final ClusterStats stats;

  public FineCluster(
      Instant windowStart,
      Instant windowEnd,
      long paneIndex,
      PaneTiming paneTiming,
      boolean isFinal,
      ClusterStats stats) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
    this.stats = stats;
  }

  public String signatureId() {
    return stats.sample().signatureId;
  }

  public boolean isEarly() {
    return paneTiming == PaneTiming.EARLY;
  }

  /**
   * Whether this row replaces {@code other}, a row of the same cluster and window: a later pane of
   * the aggregation (its panes accumulate, so a later one holds every entry of an earlier one), or
   * the same pane seen with more entries or as final. Shuffles do not keep order.
   */
  public boolean newerThan(FineCluster other) {
    if (paneIndex != other.paneIndex) {
      return paneIndex > other.paneIndex;
    }
    if (stats.count() != other.stats.count()) {
      return stats.count() > other.stats.count();
    }
    return isFinal && !other.isFinal;
  }

  /** Deterministic coder: the fields in order, the stats with {@link ClusterStatsCoder}. */
  public static final class Coder extends AtomicCoder<FineCluster> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final BooleanCoder BOOL = BooleanCoder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FineCluster c, OutputStream out) throws IOException {
      LONG.encode(c.windowStart.toEpochMilli(), out);
      LONG.encode(c.windowEnd.toEpochMilli(), out);
      LONG.encode(c.paneIndex, out);
      STRING.encode(c.paneTiming.name(), out);
      BOOL.encode(c.isFinal, out);
      ClusterStatsCoder.of().encode(c.stats, out);
    }

    @Override
    public FineCluster decode(InputStream in) throws IOException {
      return new FineCluster(
          Instant.ofEpochMilli(LONG.decode(in)),
          Instant.ofEpochMilli(LONG.decode(in)),
          LONG.decode(in),
          PaneTiming.valueOf(STRING.decode(in)),
          BOOL.decode(in),
          ClusterStatsCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
