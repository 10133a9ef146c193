package dev.loggardener.cascade;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.PaneTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What one cross-service analysis of a window said about one service: the analysis firing ({@link
 * #version}, newer wins), whether it held as many clusters as the cap allows ({@link #full}: a
 * cluster missing from it was left out for being small, not because it arrived later), and the
 * cascade fields of each of the service's clusters it covered (at most the cap). One element per
 * service and analysis, so a service never sees half an analysis. The analysis of a window's
 * closing pane says when the window expires ({@link #closesAt}), so it can hold the watermark there
 * on its way to the rows ({@code StampClosingAtExpiry}). Immutable.
 */
public final class ServiceAnalysis implements Serializable {
  private static final long serialVersionUID = 1L;

  public final long version;
  public final boolean full;

  /**
   * For the analysis of the window's closing pane, the window's expiry in epoch milliseconds (the
   * end of its allowed lateness); 0 for any earlier analysis.
   */
  public final long closesAt;

  private final Map<String, CascadeAssignment> clusters;

  ServiceAnalysis(long version, boolean full, List<CascadeAssignment> clusters) {
    this(version, full, 0L, clusters);
  }

  ServiceAnalysis(long version, boolean full, long closesAt, List<CascadeAssignment> clusters) {
    this.version = version;
    this.full = full;
    this.closesAt = closesAt;
    Map<String, CascadeAssignment> m = new TreeMap<>();
    for (CascadeAssignment a : clusters) {
      m.put(a.clusterId, a);
    }
    this.clusters = Collections.unmodifiableMap(m);
  }

  /** The clusters it covered. */
  public int size() {
    return clusters.size();
  }

  /**
   * {@code row} with the cascade fields {@code analysis} gives it, or null while it must wait for
   * an analysis: a settled (on-time or late) row of a cluster no analysis has seen is held back,
   * because history records and filing acts on a settled row, and a symptom must not leave as its
   * own root first. An early row nobody analysed yet is its own root; a cluster left out of a full
   * analysis says "not analysed", as the detector says above its cap.
   */
  static ClusterRow apply(ClusterRow row, ServiceAnalysis analysis, int maxClusters) {
    CascadeAssignment a = analysis == null ? null : analysis.clusters.get(row.clusterId());
    boolean full = analysis != null && analysis.full;
    if (row.paneTiming() != PaneTiming.EARLY && a == null && !full) {
      return null;
    }
    ClusterRow.Builder b = row.toBuilder();
    if (a != null) {
      b.rootCauseSignatureId(a.rootCauseSignatureId)
          .cascadeId(a.cascadeId)
          .cascadeParentSignatureId(a.cascadeParentSignatureId)
          .cascadeEvidence(a.cascadeEvidence);
    } else if (full) {
      b.rootCauseSignatureId("")
          .cascadeId("")
          .cascadeParentSignatureId("")
          .cascadeEvidence(
              "not analysed: not among the window's "
                  + maxClusters
                  + " biggest clusters (the cascade cap)");
    } else {
      // Not seen by an analysis yet: alone, as an unlinked analysed cluster is.
      b.rootCauseSignatureId(row.clusterId())
          .cascadeId("")
          .cascadeParentSignatureId("")
          .cascadeEvidence("");
    }
    return b.build();
  }

  /** Whether this is the analysis of its window's closing pane. */
  public boolean closing() {
    return closesAt != 0L;
  }

  /** Whether {@code next} gives the cluster other fields (or a release) than this one did. */
  boolean sameFor(String clusterId, ServiceAnalysis next) {
    if (full != next.full) {
      return false;
    }
    CascadeAssignment a = clusters.get(clusterId);
    CascadeAssignment b = next.clusters.get(clusterId);
    if (a == null || b == null) {
      return a == b;
    }
    return a.rootCauseSignatureId.equals(b.rootCauseSignatureId)
        && a.cascadeId.equals(b.cascadeId)
        && a.cascadeParentSignatureId.equals(b.cascadeParentSignatureId)
        && a.cascadeEvidence.equals(b.cascadeEvidence);
  }

  /** Field by field, the clusters in id order; deterministic. */
  public static final class Coder extends CustomCoder<ServiceAnalysis> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<CascadeAssignment> CLUSTERS =
        ListCoder.of(CascadeAssignment.Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ServiceAnalysis a, OutputStream out) throws IOException {
      VarLongCoder.of().encode(a.version, out);
      BooleanCoder.of().encode(a.full, out);
      VarLongCoder.of().encode(a.closesAt, out);
      CLUSTERS.encode(new java.util.ArrayList<>(a.clusters.values()), out);
    }

    @Override
    public ServiceAnalysis decode(InputStream in) throws IOException {
      return new ServiceAnalysis(
          VarLongCoder.of().decode(in),
          BooleanCoder.of().decode(in),
          VarLongCoder.of().decode(in),
          CLUSTERS.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
