package dev.loggardener.grouping;

import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.EmitChangedRows;
import dev.loggardener.cluster.PaneTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What the grouping step keeps of one (service, window): the latest row of every fine cluster, a
 * fingerprint of the last row it emitted for every group, how many of its firings emitted something
 * (the {@code pane_index} of the rows it emits) and whether the window's closing pane arrived.
 * Changed fine rows are offered to it; it builds the window's {@link ServicePane} from the latest
 * rows and lets through only the group rows that differ from the last ones emitted. Its size is the
 * window's distinct fine clusters and groups, whatever the number of firings. Mutable; the step
 * reads it, changes it and writes it back.
 */
public final class WindowClusters {
  private final Instant windowStart;
  private final Instant windowEnd;
  private final TreeMap<String, FineCluster> latest;
  private final TreeMap<String, Long> emitted;
  private final TreeMap<String, ClusterRow> lastRows;
  private final TreeMap<String, String> clusterOf;
  private long firings;
  private boolean closed;

  private WindowClusters(
      Instant windowStart,
      Instant windowEnd,
      Map<String, FineCluster> latest,
      Map<String, Long> emitted,
      Map<String, ClusterRow> lastRows,
      Map<String, String> clusterOf,
      long firings,
      boolean closed) {
    this.closed = closed;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.latest = new TreeMap<>(latest);
    this.emitted = new TreeMap<>(emitted);
    this.lastRows = new TreeMap<>(lastRows);
    this.clusterOf = new TreeMap<>(clusterOf);
    this.firings = firings;
  }

  /** Nothing seen yet of the window {@code first} belongs to. */
  public static WindowClusters of(Instant windowStart, Instant windowEnd) {
    return new WindowClusters(
        windowStart, windowEnd, Map.of(), Map.of(), Map.of(), Map.of(), 0, false);
  }

  /**
   * Takes {@code c} as its cluster's latest row unless an as new one is known; true if that changed
   * the cluster's entries (a new cluster, or more entries).
   */
  public boolean offer(FineCluster c) {
    FineCluster old = latest.get(c.signatureId());
    if (old != null && !c.newerThan(old)) {
      return false;
    }
    latest.put(c.signatureId(), c);
    return old == null || old.stats.count() != c.stats.count();
  }

  /** Fine clusters held: what building the window's pane reads. */
  public int size() {
    return latest.size();
  }

  /** The window's closing pane arrived; true if that is news. */
  public boolean close() {
    boolean news = !closed;
    closed = true;
    return news;
  }

  /** Whether the window's closing pane arrived: its rows are final. */
  public boolean isClosed() {
    return closed;
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  /**
   * The window as one pane of {@code service} with {@code timing}: every fine cluster's latest
   * stats, numbered by this step's firings, final once the window's closing pane arrived.
   */
  public ServicePane pane(String service, PaneTiming timing) {
    List<dev.loggardener.cluster.ClusterStats> members = new ArrayList<>();
    for (FineCluster c : latest.values()) {
      members.add(c.stats);
    }
    return new ServicePane(service, windowStart, windowEnd, firings, timing, closed, members);
  }

  /**
   * The rows of {@code rolled} (the window's groups now) that differ from the last ones emitted for
   * their groups, bookkeeping aside ({@link EmitChangedRows#fingerprint}), and a tombstone for each
   * cluster emitted before that no longer exists: its last row with {@code count = 0} and {@code
   * superseded_by} naming the cluster that holds its members' entries now (a group learned after
   * early panes showed its members on their own, or a member back on its own). Remembers them all
   * as emitted, forgets clusters that are gone, and counts a firing when any row leaves.
   *
   * <p>Written here, where every fine signature's cluster is known, rather than by the emitting
   * step: that needs no comparison with a window's other clusters, so the steps after grouping can
   * be keyed per cluster.
   */
  List<GroupRollup.Rolled> changed(List<GroupRollup.Rolled> rolled) {
    TreeMap<String, Long> now = new TreeMap<>();
    TreeMap<String, String> nowClusterOf = new TreeMap<>();
    List<GroupRollup.Rolled> out = new ArrayList<>();
    for (GroupRollup.Rolled r : rolled) {
      long fp = EmitChangedRows.fingerprint(r.row);
      now.put(r.row.clusterId(), fp);
      for (String sig : r.memberSignatureIds) {
        nowClusterOf.put(sig, r.row.clusterId());
      }
      if (!Objects.equals(emitted.get(r.row.clusterId()), fp)) {
        out.add(r);
      }
    }
    List<GroupRollup.Rolled> tombstones = new ArrayList<>();
    if (!out.isEmpty()) {
      ClusterRow news = out.get(0).row;
      for (Map.Entry<String, ClusterRow> e : lastRows.entrySet()) {
        if (now.containsKey(e.getKey())) {
          continue;
        }
        String by = absorber(e.getKey(), nowClusterOf);
        if (by == null) {
          continue; // its signatures are gone from the window too: nothing counts them twice
        }
        ClusterRow tombstone =
            e.getValue().toBuilder()
                .count(0)
                .supersededBy(by)
                .paneIndex(news.paneIndex())
                .paneTiming(news.paneTiming())
                .isFinal(news.isFinal())
                .emittedAt(news.emittedAt())
                .build();
        tombstones.add(new GroupRollup.Rolled(tombstone, new CascadeEvidence(), 0, List.of()));
      }
    }
    for (GroupRollup.Rolled r : out) {
      lastRows.put(r.row.clusterId(), r.row);
    }
    lastRows.keySet().retainAll(now.keySet());
    emitted.clear();
    emitted.putAll(now);
    clusterOf.clear();
    clusterOf.putAll(nowClusterOf);
    out.addAll(tombstones);
    if (!out.isEmpty()) {
      firings++;
    }
    return out;
  }

  /** The cluster that now holds the fine signatures {@code gone} held at the last rollup. */
  private String absorber(String gone, Map<String, String> nowClusterOf) {
    for (Map.Entry<String, String> e : clusterOf.entrySet()) {
      if (e.getValue().equals(gone)) {
        String by = nowClusterOf.get(e.getKey());
        if (by != null) {
          return by;
        }
      }
    }
    return null;
  }

  /** Deterministic coder: window, latest rows and fingerprints in key order, firings. */
  public static final class Coder extends AtomicCoder<WindowClusters> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final MapCoder<String, FineCluster> LATEST =
        MapCoder.of(StringUtf8Coder.of(), FineCluster.Coder.of());
    private static final MapCoder<String, Long> EMITTED =
        MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    private static final MapCoder<String, ClusterRow> ROWS =
        MapCoder.of(StringUtf8Coder.of(), ClusterRowCoder.of());
    private static final MapCoder<String, String> CLUSTER_OF =
        MapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(WindowClusters w, OutputStream out) throws IOException {
      LONG.encode(w.windowStart.toEpochMilli(), out);
      LONG.encode(w.windowEnd.toEpochMilli(), out);
      LATEST.encode(w.latest, out); // a TreeMap: entries in key order
      EMITTED.encode(w.emitted, out);
      ROWS.encode(w.lastRows, out);
      CLUSTER_OF.encode(w.clusterOf, out);
      LONG.encode(w.firings, out);
      BooleanCoder.of().encode(w.closed, out);
    }

    @Override
    public WindowClusters decode(InputStream in) throws IOException {
      return new WindowClusters(
          Instant.ofEpochMilli(LONG.decode(in)),
          Instant.ofEpochMilli(LONG.decode(in)),
          LATEST.decode(in),
          EMITTED.decode(in),
          ROWS.decode(in),
          CLUSTER_OF.decode(in),
          LONG.decode(in),
          BooleanCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
