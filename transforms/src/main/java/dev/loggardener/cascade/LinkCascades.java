package dev.loggardener.cascade;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.transforms.GardenerCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.loggardener.transforms.GatherPanes;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gathers all clusters of a window, across services, under one key and runs {@link
 * CascadeDetector} on them, emitting each row with {@code root_cause_signature_id}, {@code
 * cascade_id}, {@code cascade_parent_signature_id} and {@code cascade_evidence} set. The work per
 * window is bounded by the detector's cluster cap. Panes accumulate upstream, so a firing may
 * hold several rows of one cluster; only the latest (highest pane, then count) is analysed and
 * emitted. In streaming, each firing re-emits the window's latest rows with the cascade fields as
 * of that firing (a later cluster can change an earlier one's root).
 */
public final class LinkCascades
    extends PTransform<PCollection<KV<ClusterRow, CascadeEvidence>>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  public static final long DEFAULT_INTERVAL_SECONDS = 120;

  private final long intervalSeconds;
  private final int maxClusters;

  private LinkCascades(long intervalSeconds, int maxClusters) {
    this.intervalSeconds = intervalSeconds;
    this.maxClusters = maxClusters;
  }

  /** Links entries that follow each other on an instance within {@code seconds}. */
  public static LinkCascades within(long seconds) {
    return new LinkCascades(seconds, CascadeDetector.DEFAULT_MAX_CLUSTERS);
  }

  /** At most this many clusters per window are analysed; the biggest are kept. */
  public LinkCascades withMaxClusters(int max) {
    return new LinkCascades(intervalSeconds, max);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<KV<ClusterRow, CascadeEvidence>> input) {
    return input
        // Streaming: a closing window's rows arrive bundle by bundle; detect once per gathering.
        .apply("GatherPanes", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY))
        .apply("KeyByWindow", ParDo.of(new KeyAllFn()))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(), KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of())))
        .apply("GroupWindowClusters", GroupByKey.create())
        .apply(
            "DetectCascades",
            ParDo.of(new DetectFn(new CascadeDetector(intervalSeconds, maxClusters))))
        .setCoder(ClusterRowCoder.of());
  }

  /** One key for all: the window itself scopes the group. */
  static final class KeyAllFn
      extends DoFn<KV<ClusterRow, CascadeEvidence>, KV<String, KV<ClusterRow, CascadeEvidence>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<ClusterRow, CascadeEvidence> e,
        OutputReceiver<KV<String, KV<ClusterRow, CascadeEvidence>>> out) {
      out.output(KV.of("window", e));
    }
  }

  static final class DetectFn
      extends DoFn<KV<String, Iterable<KV<ClusterRow, CascadeEvidence>>>, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final CascadeDetector detector;
    private final Counter overCap = GardenerCounters.counter("cascade_clusters_over_cap");
    private final Counter linked = GardenerCounters.counter("cascade_links");

    DetectFn(CascadeDetector detector) {
      this.detector = detector;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<ClusterRow, CascadeEvidence>>> group,
        BoundedWindow window,
        OutputReceiver<ClusterRow> out) {
      Map<String, KV<ClusterRow, CascadeEvidence>> latest = new TreeMap<>();
      for (KV<ClusterRow, CascadeEvidence> kv : group.getValue()) {
        ClusterRow r = kv.getKey();
        latest.merge(
            r.service + '\u0000' + r.clusterId(),
            kv,
            (a, b) -> newer(b.getKey(), a.getKey()) ? b : a);
      }
      List<CascadeDetector.Candidate> candidates = new ArrayList<>(latest.size());
      for (KV<ClusterRow, CascadeEvidence> kv : latest.values()) {
        candidates.add(new CascadeDetector.Candidate(kv.getKey(), kv.getValue()));
      }
      Instant start =
          window instanceof IntervalWindow
              ? Instant.ofEpochMilli(((IntervalWindow) window).start().getMillis())
              : candidates.isEmpty() ? Instant.EPOCH : candidates.get(0).row.windowStart;
      CascadeDetector.Result result = detector.detect(start, candidates);
      overCap.inc(result.overCap);
      linked.inc(result.links.size());
      result.rows.forEach(out::output);
    }

    private static boolean newer(ClusterRow b, ClusterRow a) {
      return b.paneIndex > a.paneIndex || (b.paneIndex == a.paneIndex && b.count > a.count);
    }
  }
}
