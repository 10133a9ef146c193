package dev.loggardener.cascade;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.GatherPanes;
import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.EmitChangedRows;
import dev.loggardener.cluster.PaneTiming;
import dev.loggardener.cluster.RunKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Links the clusters of each window into cascades and sets every row's {@code
 * root_cause_signature_id}, {@code cascade_id}, {@code cascade_parent_signature_id} and {@code
 * cascade_evidence}, keyed and sharded so that no worker holds a whole window:
 *
 * <ol>
 *   <li>{@code TopClusters}: per window, a bounded combine ({@link TopClustersFn}) keeps the {@code
 *       --cascadeMaxClusters} biggest clusters across services with their evidence, combined
 *       partially before the shuffle;
 *   <li>{@code DetectCascades}: {@link CascadeDetector} links those (at most the cap) and sends
 *       each service its clusters' cascade fields, as {@link CascadeAssignment}s tagged with the
 *       analysis firing, plus a marker to every service seen;
 *   <li>{@code JoinPerService}: per (window, service), the service's latest rows are joined with
 *       the newest analysis: an analysed cluster takes its fields; one left out of a full analysis
 *       says "not analysed" (as the detector says above its cap); an early row the analysis has not
 *       seen yet (a stream, where rows can arrive before the analysis of their firing) is its own
 *       root until the analysis catches up, and a settled (on-time or late) row of a cluster no
 *       analysis has seen yet is held back until one has, so history and filing never see a symptom
 *       as its own root;
 *   <li>{@link EmitChangedRows}: per (window, service), only a row that changed since the last one
 *       emitted for its cluster leaves, numbered by {@code emit_seq} and stamped with the run
 *       lineage, with tombstones for clusters a group absorbed (docs/streaming.md).
 * </ol>
 *
 * <p>A file run has one firing per window: every row leaves once, with the fields a single analysis
 * of the whole window gives (the detector analyses the biggest clusters up to the cap either way).
 * A stream's firings accumulate, and each joined firing looks at the newest rows and analysis; rows
 * whose cascade fields, count or anything else did not change are not emitted again, so sinks,
 * history and issue filing get each change once instead of every row of the window at every firing.
 */
public final class LinkCascades
    extends PTransform<PCollection<KV<ClusterRow, CascadeEvidence>>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  public static final long DEFAULT_INTERVAL_SECONDS = 120;

  private static final TupleTag<ClusterRow> ROWS = new TupleTag<ClusterRow>() {};
  private static final TupleTag<CascadeAssignment> ANALYSES = new TupleTag<CascadeAssignment>() {};

  private final long intervalSeconds;
  private final int maxClusters;
  private final EmitChangedRows emit;

  private LinkCascades(long intervalSeconds, int maxClusters, EmitChangedRows emit) {
    this.intervalSeconds = intervalSeconds;
    this.maxClusters = maxClusters;
    this.emit = emit;
  }

  /** Links entries that follow each other on an instance within {@code seconds}. */
  public static LinkCascades within(long seconds) {
    return new LinkCascades(
        seconds, CascadeDetector.DEFAULT_MAX_CLUSTERS, EmitChangedRows.create());
  }

  /** At most this many clusters per window are analysed; the biggest are kept. */
  public LinkCascades withMaxClusters(int max) {
    return new LinkCascades(intervalSeconds, max, emit);
  }

  /** Rows leave stamped with the run lineage ({@link EmitChangedRows#stampingRun}). */
  public LinkCascades stampingRun(String runId, RunKind runKind) {
    return new LinkCascades(intervalSeconds, maxClusters, emit.stampingRun(runId, runKind));
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<KV<ClusterRow, CascadeEvidence>> input) {
    // Streaming: a closing window's rows arrive bundle by bundle; analyse once per gathering.
    PCollection<KV<ClusterRow, CascadeEvidence>> gathered =
        input.apply("GatherPanes", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY));
    PCollection<KV<String, CascadeAssignment>> analyses =
        gathered
            .apply(
                "TopClusters", Combine.globally(new TopClustersFn(maxClusters)).withoutDefaults())
            .setCoder(TopClustersFn.TopCoder.of())
            .apply(
                "DetectCascades",
                ParDo.of(
                    new DetectFn(new CascadeDetector(intervalSeconds, maxClusters), maxClusters)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), CascadeAssignment.Coder.of()))
            // the same trigger on both sides of the join (a combine's output has its own)
            .apply("GatherAnalyses", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY));
    PCollection<KV<String, ClusterRow>> rows =
        gathered
            .apply("KeyByService", ParDo.of(new KeyByServiceFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ClusterRowCoder.of()))
            .apply("GatherRows", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY));
    return KeyedPCollectionTuple.of(ROWS, rows)
        .and(ANALYSES, analyses)
        .apply("JoinPerService", CoGroupByKey.create())
        .apply("ApplyAnalysis", ParDo.of(new ApplyAnalysisFn(maxClusters)))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of())))
        .apply("EmitChangedRows", emit);
  }

  static final class KeyByServiceFn
      extends DoFn<KV<ClusterRow, CascadeEvidence>, KV<String, ClusterRow>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<ClusterRow, CascadeEvidence> e, OutputReceiver<KV<String, ClusterRow>> out) {
      out.output(KV.of(e.getKey().service(), e.getKey()));
    }
  }

  /** Links the window's biggest clusters and tells each service what was found. */
  static final class DetectFn extends DoFn<TopClustersFn.Top, KV<String, CascadeAssignment>> {
    private static final long serialVersionUID = 1L;

    private final CascadeDetector detector;
    private final int maxClusters;
    private final Counter linked = GardenerCounters.counter("cascade_links");

    DetectFn(CascadeDetector detector, int maxClusters) {
      this.detector = detector;
      this.maxClusters = maxClusters;
    }

    @ProcessElement
    public void process(
        @Element TopClustersFn.Top top,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<KV<String, CascadeAssignment>> out) {
      List<CascadeDetector.Candidate> candidates = new ArrayList<>();
      for (KV<ClusterRow, CascadeEvidence> kv : top.biggestFirst()) {
        candidates.add(new CascadeDetector.Candidate(kv.getKey(), kv.getValue()));
      }
      Instant start =
          window instanceof IntervalWindow
              ? Instant.ofEpochMilli(((IntervalWindow) window).start().getMillis())
              : candidates.isEmpty() ? Instant.EPOCH : candidates.get(0).row.windowStart();
      CascadeDetector.Result result = detector.detect(start, candidates);
      linked.inc(result.links.size());
      long version = pane.getIndex();
      boolean full = candidates.size() >= maxClusters;
      for (String service : top.services) {
        out.output(KV.of(service, CascadeAssignment.marker(version, full)));
      }
      for (ClusterRow r : result.rows) {
        out.output(
            KV.of(
                r.service(),
                new CascadeAssignment(
                    version,
                    full,
                    r.clusterId(),
                    r.rootCauseSignatureId(),
                    r.cascadeId(),
                    r.cascadeParentSignatureId(),
                    r.cascadeEvidence())));
      }
    }
  }

  /**
   * One service's latest rows with the newest analysis applied, keyed by (service, cluster) and
   * tagged with this join's firing, which orders them for {@link EmitChangedRows}.
   */
  static final class ApplyAnalysisFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, KV<Long, ClusterRow>>> {
    private static final long serialVersionUID = 1L;

    private final int maxClusters;
    private final Counter notAnalysed = GardenerCounters.counter("cascade_clusters_over_cap");
    private final Counter awaitingAnalysis =
        GardenerCounters.counter("cascade_rows_awaiting_analysis");

    ApplyAnalysisFn(int maxClusters) {
      this.maxClusters = maxClusters;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> element,
        PaneInfo pane,
        OutputReceiver<KV<String, KV<Long, ClusterRow>>> out) {
      // Panes accumulate: a firing can hold several rows of a cluster and several analyses.
      Map<String, ClusterRow> latest = new TreeMap<>();
      for (ClusterRow r : element.getValue().getAll(ROWS)) {
        latest.merge(r.clusterId(), r, (a, b) -> newer(b, a) ? b : a);
      }
      // One pass: a join of many values per key is read again from the shuffle for every pass.
      long version = -1;
      boolean full = false;
      Map<String, CascadeAssignment> analysed = new HashMap<>();
      for (CascadeAssignment a : element.getValue().getAll(ANALYSES)) {
        if (a.version > version) {
          version = a.version;
          full = false;
          analysed.clear();
        }
        if (a.version == version) {
          full |= a.full;
          if (!a.isMarker()) {
            analysed.put(a.clusterId, a);
          }
        }
      }
      for (ClusterRow r : latest.values()) {
        CascadeAssignment a = analysed.get(r.clusterId());
        if (r.paneTiming() != PaneTiming.EARLY && a == null && !full) {
          // Held back until an analysis of the window has seen the cluster: history records and
          // filing acts on a settled row, and a symptom must not leave as its own root first.
          // The join fires again with the newer analysis, its panes accumulating, and the row
          // leaves then. A cluster an earlier analysis saw leaves with that analysis' fields, so
          // a closing analysis dropped as late upstream cannot hold its row back for good.
          awaitingAnalysis.inc();
          continue;
        }
        ClusterRow.Builder b = r.toBuilder();
        if (a != null) {
          b.rootCauseSignatureId(a.rootCauseSignatureId)
              .cascadeId(a.cascadeId)
              .cascadeParentSignatureId(a.cascadeParentSignatureId)
              .cascadeEvidence(a.cascadeEvidence);
        } else if (full) {
          notAnalysed.inc();
          b.rootCauseSignatureId("")
              .cascadeId("")
              .cascadeParentSignatureId("")
              .cascadeEvidence(
                  "not analysed: not among the window's "
                      + maxClusters
                      + " biggest clusters (the cascade cap)");
        } else {
          // Not seen by an analysis yet: alone, as an unlinked analysed cluster is.
          b.rootCauseSignatureId(r.clusterId())
              .cascadeId("")
              .cascadeParentSignatureId("")
              .cascadeEvidence("");
        }
        out.output(
            KV.of(r.service() + '\u0000' + r.clusterId(), KV.of(pane.getIndex(), b.build())));
      }
    }

    private static boolean newer(ClusterRow b, ClusterRow a) {
      return b.paneIndex() > a.paneIndex()
          || (b.paneIndex() == a.paneIndex() && b.count() > a.count());
    }
  }
}
