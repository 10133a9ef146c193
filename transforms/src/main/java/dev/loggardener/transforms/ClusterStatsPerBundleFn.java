package dev.loggardener.transforms;

import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.SignedEntry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Adds a bundle's signed entries of bounded input to one map of {@link ClusterStats} per window
 * and bucket of clusters, and emits each map once, when the bundle ends: combining before the
 * shuffle by hand. A combiner lifted by the runner gives the same rows, but Flink's batch
 * combiner encodes every entry into a sort buffer, sorts and decodes it again before adding it,
 * and the DirectRunner lifts none; here an entry is added where it arrives and only the bounded
 * stats travel. A window whose maps reach {@link #MAX_BUFFERED_CLUSTERS} clusters is emitted at
 * once, so the buffer of a window does not grow with the number of signatures. Maps are emitted
 * with the earliest event time they cover (at the end of a bundle) or the current entry's (when
 * full), a time in their window no earlier than the step's input; the merge downstream takes
 * the window's end as its time either way.
 */
final class ClusterStatsPerBundleFn
    extends DoFn<SignedEntry, KV<Integer, Map<String, ClusterStats>>> {
  private static final long serialVersionUID = 1L;

  /** Clusters a window's maps may hold before they are emitted mid-bundle. */
  static final int MAX_BUFFERED_CLUSTERS = 50_000;

  private final int buckets;
  private final int maxBufferedClusters;

  private transient Map<BoundedWindow, WindowStats> windows;

  /** The maps of one window, by bucket. */
  private static final class WindowStats {
    final Map<Integer, Map<String, ClusterStats>> byBucket = new HashMap<>();
    int clusters;
    Instant earliest;
  }

  ClusterStatsPerBundleFn(int buckets) {
    this(buckets, MAX_BUFFERED_CLUSTERS);
  }

  ClusterStatsPerBundleFn(int buckets, int maxBufferedClusters) {
    this.buckets = buckets;
    this.maxBufferedClusters = maxBufferedClusters;
  }

  /** The bucket of a cluster, as {@code AggregateClusters} has always assigned it. */
  static int bucketOf(String clusterKey, int buckets) {
    return Math.floorMod(clusterKey.hashCode(), buckets);
  }

  @StartBundle
  public void startBundle() {
    windows = new LinkedHashMap<>();
  }

  @ProcessElement
  public void process(
      @Element SignedEntry e,
      @Timestamp Instant timestamp,
      BoundedWindow window,
      OutputReceiver<KV<Integer, Map<String, ClusterStats>>> out) {
    WindowStats w = windows.computeIfAbsent(window, k -> new WindowStats());
    String key = e.clusterKey();
    Map<String, ClusterStats> bucket =
        w.byBucket.computeIfAbsent(bucketOf(key, buckets), k -> new HashMap<>());
    ClusterStats stats = bucket.get(key);
    if (stats == null) {
      stats = new ClusterStats();
      bucket.put(key, stats);
      w.clusters++;
    }
    stats.add(e);
    if (w.earliest == null || timestamp.isBefore(w.earliest)) {
      w.earliest = timestamp;
    }
    if (w.clusters >= maxBufferedClusters) {
      // Only the current element's window can be written to from here.
      w.byBucket.forEach((b, m) -> out.outputWithTimestamp(KV.of(b, m), timestamp));
      windows.remove(window);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    windows.forEach(
        (window, w) -> w.byBucket.forEach((b, m) -> c.output(KV.of(b, m), w.earliest, window)));
    windows.clear();
  }
}
