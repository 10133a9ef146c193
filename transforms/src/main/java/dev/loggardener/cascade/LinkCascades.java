package dev.loggardener.cascade;

import dev.loggardener.beam.BackIntoWindows;
import dev.loggardener.beam.ClosingPaneHold;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.GatherPanes;
import dev.loggardener.beam.StampClosingAtExpiry;
import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.EmitChangedRows;
import dev.loggardener.cluster.PostAggregationKey;
import dev.loggardener.cluster.RunKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;

/**
 * Links the clusters of each window into cascades and sets every row's {@code
 * root_cause_signature_id}, {@code cascade_id}, {@code cascade_parent_signature_id} and {@code
 * cascade_evidence}, keyed so that no worker holds a whole window and no firing re-reads earlier
 * firings:
 *
 * <ol>
 *   <li>{@code TopClusters}: per window, a bounded combine ({@link TopClustersFn}) keeps the {@code
 *       --cascadeMaxClusters} biggest clusters across services with their evidence, combined
 *       partially before the shuffle; its state is that accumulator (at most twice the cap), fed
 *       only by the rows grouping sent because they changed;
 *   <li>{@code DetectCascades}: {@link CascadeDetector} links those (at most the cap) and sends
 *       each service of the window its part of the analysis in one piece ({@link ServiceAnalysis},
 *       tagged with the analysis firing), an empty one to a service with no cluster among them;
 *   <li>{@code ApplyAnalysis}: per (window, service, shard of the cluster id: {@link #shardedBy}),
 *       in the global window, the latest row of each cluster (MapState) and the newest analysis: a
 *       changed row leaves with the newest analysis applied, and a newer analysis sends again only
 *       the rows whose cascade fields it changes. An analysed cluster takes its fields; one left
 *       out of a full analysis says "not analysed" (as the detector says above its cap); an early
 *       row no analysis has seen yet is its own root, and a settled (on-time or late) row of a
 *       cluster no analysis has seen yet is held back until one has, so history and filing never
 *       see a symptom as its own root;
 *   <li>{@link EmitChangedRows}: on the same keys, only a row that changed since the last one
 *       emitted for its cluster leaves, numbered by {@code emit_seq} and stamped with the run
 *       lineage; grouping's tombstones for clusters a group absorbed pass through it as their
 *       clusters' next rows, and never wait for or enter the analysis (docs/streaming.md).
 * </ol>
 *
 * <p>No join accumulates: what a firing of {@code ApplyAnalysis} reads is the changed row's
 * cluster, or for a new analysis the service's latest rows in the window (one per cluster, whatever
 * the number of earlier firings; {@code post_aggregation_rows_read_per_firing}). A file run has one
 * firing per window: every row leaves once, with the fields a single analysis of the whole window
 * gives.
 */
public final class LinkCascades
    extends PTransform<PCollection<KV<ClusterRow, CascadeEvidence>>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  public static final long DEFAULT_INTERVAL_SECONDS = 120;

  private final long intervalSeconds;
  private final int maxClusters;
  private final EmitChangedRows emit;
  private final int shards;

  private LinkCascades(long intervalSeconds, int maxClusters, EmitChangedRows emit, int shards) {
    this.intervalSeconds = intervalSeconds;
    this.maxClusters = maxClusters;
    this.emit = emit;
    this.shards = shards;
  }

  /** Links entries that follow each other on an instance within {@code seconds}. */
  public static LinkCascades within(long seconds) {
    return new LinkCascades(
        seconds, CascadeDetector.DEFAULT_MAX_CLUSTERS, EmitChangedRows.create(), 1);
  }

  /** At most this many clusters per window are analysed; the biggest are kept. */
  public LinkCascades withMaxClusters(int max) {
    return new LinkCascades(intervalSeconds, max, emit, shards);
  }

  /** Rows leave stamped with the run lineage ({@link EmitChangedRows#stampingRun}). */
  public LinkCascades stampingRun(String runId, RunKind runKind) {
    return new LinkCascades(intervalSeconds, maxClusters, emit.stampingRun(runId, runKind), shards);
  }

  /**
   * Keys {@code ApplyAnalysis} and {@link EmitChangedRows} by (window, service, shard of the
   * cluster id) ({@link PostAggregationKey}): a big service's clusters spread over {@code shards}
   * keys, each of which gets the service's analysis.
   */
  public LinkCascades shardedBy(int shards) {
    return new LinkCascades(intervalSeconds, maxClusters, emit.shardedBy(shards), shards);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<KV<ClusterRow, CascadeEvidence>> input) {
    WindowingStrategy<?, ?> original = input.getWindowingStrategy();
    Duration lateness = original.getAllowedLateness();
    // Streaming: a closing window's rows arrive bundle by bundle; analyse once per gathering. The
    // combine's state is its accumulator (at most twice the cap), not the rows.
    PCollection<KV<String, CascadeInput>> analyses =
        input
            .apply("GatherPanes", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY))
            .apply(
                "TopClusters", Combine.globally(new TopClustersFn(maxClusters)).withoutDefaults())
            .setCoder(TopClustersFn.TopCoder.of())
            .apply(
                "DetectCascades",
                ParDo.of(
                    new DetectFn(
                        new CascadeDetector(intervalSeconds, maxClusters),
                        maxClusters,
                        shards,
                        lateness)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), CascadeInput.Coder.of()))
            .apply("AnalysesIntoGlobalWindow", intoGlobalWindow());
    PCollection<KV<String, CascadeInput>> rows =
        input
            .apply("KeyByServiceWindow", ParDo.of(new KeyByServiceWindowFn(shards)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), CascadeInput.Coder.of()))
            .apply("RowsIntoGlobalWindow", intoGlobalWindow());
    return PCollectionList.of(rows)
        .and(analyses)
        .apply("RowsAndAnalyses", Flatten.pCollections())
        // A final row, and the analysis of a window's closing pane (it leaves TopClusters as the
        // watermark passes the window's expiry), travel stamped at the expiry: each holds
        // ApplyAnalysis's watermark until the rows it brings, releases or changes have left.
        .apply(
            "StampClosingInputs",
            StampClosingAtExpiry.<KV<String, CascadeInput>>of(
                kv -> kv.getValue().closing(), kv -> kv.getValue().closesAt(lateness)))
        .apply(
            PostAggregationKey.stepName("ApplyAnalysis", shards),
            ParDo.of(
                new ApplyAnalysisFn(
                    maxClusters,
                    original.getAllowedLateness().plus(Duration.standardHours(1)),
                    original.getAllowedLateness())))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of())))
        .apply(
            "BackIntoWindows",
            BackIntoWindows.<KV<String, KV<Long, ClusterRow>>>of(original)
                .restampedBy(
                    kv ->
                        new org.joda.time.Instant(
                            kv.getValue().getValue().windowEnd().toEpochMilli() - 1)))
        .apply("EmitChangedRows", emit);
  }

  /** Each element once, in the global window: the state after it keeps what it needs. */
  private static Window<KV<String, CascadeInput>> intoGlobalWindow() {
    return Window.<KV<String, CascadeInput>>into(new GlobalWindows())
        .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();
  }

  static final class KeyByServiceWindowFn
      extends DoFn<KV<ClusterRow, CascadeEvidence>, KV<String, CascadeInput>> {
    private static final long serialVersionUID = 1L;

    private final int shards;

    KeyByServiceWindowFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element KV<ClusterRow, CascadeEvidence> e, OutputReceiver<KV<String, CascadeInput>> out) {
      ClusterRow r = e.getKey();
      out.output(
          KV.of(
              PostAggregationKey.of(r.service(), r.windowStart(), r.clusterId(), shards),
              CascadeInput.of(r)));
    }
  }

  /**
   * For an analysis of {@code window}'s closing pane, the window's expiry in epoch milliseconds
   * (its last instant plus the allowed lateness, at most the end of the global window); 0 for any
   * earlier pane.
   */
  static long closesAt(BoundedWindow window, PaneInfo pane, Duration lateness) {
    if (!pane.isLast()) {
      return 0L;
    }
    return Math.min(
        window.maxTimestamp().plus(lateness).getMillis(),
        GlobalWindow.INSTANCE.maxTimestamp().getMillis());
  }

  /** Links the window's biggest clusters and tells each service what was found, in one piece. */
  static final class DetectFn extends DoFn<TopClustersFn.Top, KV<String, CascadeInput>> {
    private static final long serialVersionUID = 1L;

    private final CascadeDetector detector;
    private final int maxClusters;
    private final int shards;
    private final Duration lateness;
    private final Counter linked = GardenerCounters.counter("cascade_links");

    DetectFn(CascadeDetector detector, int maxClusters, int shards, Duration lateness) {
      this.detector = detector;
      this.maxClusters = maxClusters;
      this.shards = shards;
      this.lateness = lateness;
    }

    @ProcessElement
    public void process(
        @Element TopClustersFn.Top top,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<KV<String, CascadeInput>> out) {
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
      long closesAt = closesAt(window, pane, lateness);
      Map<String, List<CascadeAssignment>> byService = new TreeMap<>();
      for (String service : top.services) {
        byService.put(service, new ArrayList<>());
      }
      for (ClusterRow r : result.rows) {
        byService
            .computeIfAbsent(r.service(), s -> new ArrayList<>())
            .add(
                new CascadeAssignment(
                    version,
                    full,
                    r.clusterId(),
                    r.rootCauseSignatureId(),
                    r.cascadeId(),
                    r.cascadeParentSignatureId(),
                    r.cascadeEvidence()));
      }
      for (Map.Entry<String, List<CascadeAssignment>> e : byService.entrySet()) {
        // Every shard of the service gets the whole of it: at most the cap's assignments.
        CascadeInput analysis =
            CascadeInput.of(new ServiceAnalysis(version, full, closesAt, e.getValue()));
        for (int shard = 0; shard < shards; shard++) {
          out.output(KV.of(PostAggregationKey.ofShard(e.getKey(), start, shard, shards), analysis));
        }
      }
    }
  }

  /**
   * Per (window, service), in the global window: the latest row of each cluster as grouping sent it
   * (MapState) and the newest analysis of the window for the service. A changed row leaves with the
   * newest analysis applied; a newer analysis sends again only the rows whose cascade fields it
   * changes. Each output is numbered in order (its version for {@link EmitChangedRows}). Holds its
   * output watermark until every cluster's closing row has left ({@link ClosingPaneHold}), and
   * frees the state when the window's allowed lateness and an hour more are over.
   */
  static final class ApplyAnalysisFn
      extends DoFn<KV<String, CascadeInput>, KV<String, KV<Long, ClusterRow>>> {
    private static final long serialVersionUID = 1L;

    static final Duration CLEAR_DELAY = Duration.standardMinutes(10);

    private final int maxClusters;
    private final Duration keep;
    private final Duration lateness;
    private final Counter notAnalysed = GardenerCounters.counter("cascade_clusters_over_cap");
    private final Counter awaitingAnalysis =
        GardenerCounters.counter("cascade_rows_awaiting_analysis");
    private final Distribution rowsRead =
        GardenerCounters.distribution(GardenerCounters.POST_AGGREGATION_ROWS_READ_PER_FIRING);

    @StateId("rows")
    private final StateSpec<MapState<String, ClusterRow>> rowsSpec =
        StateSpecs.map(StringUtf8Coder.of(), ClusterRowCoder.of());

    @StateId("analysis")
    private final StateSpec<ValueState<ServiceAnalysis>> analysisSpec =
        StateSpecs.value(ServiceAnalysis.Coder.of());

    @StateId("seq")
    private final StateSpec<ValueState<Long>> seqSpec = StateSpecs.value(VarLongCoder.of());

    /** Clusters whose closing row has not left yet (not final, or held for an analysis). */
    @StateId("unsettled")
    private final StateSpec<ValueState<Long>> unsettledSpec = StateSpecs.value(VarLongCoder.of());

    /** Clusters whose settled row waits for an analysis (held back, not yet emitted). */
    @StateId("awaiting")
    private final StateSpec<ValueState<Long>> awaitingSpec = StateSpecs.value(VarLongCoder.of());

    /**
     * Holds the output watermark at the window's end while a row waits for an analysis: the row
     * leaves later than the input that brought it, and the steps after this one take rows in
     * event-time order (history), so a later window must not overtake it.
     */
    @TimerId("awaitHold")
    private final TimerSpec awaitHoldSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @StateId("overdue")
    private final StateSpec<ValueState<Boolean>> overdueSpec =
        StateSpecs.value(org.apache.beam.sdk.coders.BooleanCoder.of());

    @TimerId("expire")
    private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("clear")
    private final TimerSpec clearSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @StateId("open")
    private final StateSpec<ValueState<List<Long>>> openSpec = ClosingPaneHold.openSpec();

    @StateId("renewals")
    private final StateSpec<ValueState<Integer>> renewalsSpec = ClosingPaneHold.renewalsSpec();

    @TimerId("hold")
    private final TimerSpec holdSpec = ClosingPaneHold.holdSpec();

    ApplyAnalysisFn(int maxClusters, Duration keep, Duration lateness) {
      this.maxClusters = maxClusters;
      this.keep = keep;
      this.lateness = lateness;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CascadeInput> element,
        @Timestamp org.joda.time.Instant timestamp,
        @StateId("rows") MapState<String, ClusterRow> rows,
        @StateId("analysis") ValueState<ServiceAnalysis> analysisState,
        @StateId("seq") ValueState<Long> seqState,
        @StateId("unsettled") ValueState<Long> unsettledState,
        @StateId("awaiting") ValueState<Long> awaitingState,
        @TimerId("awaitHold") Timer awaitHold,
        @TimerId("expire") Timer expire,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        OutputReceiver<KV<String, KV<Long, ClusterRow>>> out) {
      Numbered numbered = new Numbered(element.getKey(), seqState, out, timestamp);
      ServiceAnalysis current = analysisState.read();
      long unsettled = unsettledState.read() == null ? 0 : unsettledState.read();
      long awaiting = awaitingState.read() == null ? 0 : awaitingState.read();
      org.joda.time.Instant closesAt = null;
      java.time.Instant windowEnd = null;
      CascadeInput in = element.getValue();
      if (in.row != null) {
        ClusterRow row = in.row;
        closesAt = expiry(row);
        windowEnd = row.windowEnd();
        if (!row.isFinal()) {
          ClosingPaneHold.pane(open, renewals, hold, closesAt, false, timestamp);
        }
        ClusterRow last = rows.get(row.clusterId()).read();
        rowsRead.update(1);
        if (last != null && !newer(row, last)) {
          return; // shuffles do not keep order: an older row of the cluster is not news
        }
        if (last == null) {
          expire
              .withNoOutputTimestamp()
              .set(new org.joda.time.Instant(row.windowEnd().toEpochMilli()).plus(keep));
        }
        rows.put(row.clusterId(), row);
        ClusterRow applied = apply(row, current);
        unsettled += (settled(row, applied) ? 0 : 1) - (unsettledBefore(last, current) ? 1 : 0);
        boolean waited = last != null && apply(last, current) == null;
        awaiting += (applied == null ? 1 : 0) - (waited ? 1 : 0);
        if (applied == null) {
          awaitingAnalysis.inc();
        } else {
          count(applied, current);
          numbered.output(applied);
        }
      } else {
        ServiceAnalysis next = in.analysis;
        if (current != null && next.version <= current.version) {
          return;
        }
        if (current == null && rows.isEmpty().read()) {
          // A shard that no row of the window reached yet (perhaps never): its analysis is
          // freed like rows are. Analyses are stamped at their window's end.
          expire.withNoOutputTimestamp().set(timestamp.plus(keep));
        }
        analysisState.write(next);
        // Only the clusters whose fields this analysis changes leave again.
        long n = 0;
        unsettled = 0;
        awaiting = 0;
        for (Map.Entry<String, ClusterRow> e : rows.entries().read()) {
          n++;
          ClusterRow row = e.getValue();
          closesAt = expiry(row);
          windowEnd = row.windowEnd();
          ClusterRow after = apply(row, next);
          if (after == null) {
            awaiting++;
          }
          if (!settled(row, after)) {
            unsettled++;
          }
          boolean releasedOrChanged =
              current == null
                  || apply(row, current) == null
                  || !current.sameFor(row.clusterId(), next);
          if (after != null && releasedOrChanged && !row.isTombstone()) {
            count(after, next);
            numbered.output(after);
          }
        }
        rowsRead.update(n);
      }
      unsettledState.write(unsettled);
      awaitingState.write(awaiting);
      if (awaiting > 0 && windowEnd != null) {
        org.joda.time.Instant end = new org.joda.time.Instant(windowEnd.toEpochMilli() - 1);
        org.joda.time.Instant at = end.isBefore(timestamp) ? timestamp : end;
        // Fires only if no analysis came by the window's expiry: then the wait is given up.
        awaitHold.withOutputTimestamp(at).set(closesAt.isBefore(at) ? at : closesAt);
      } else {
        awaitHold.clear();
      }
      if (unsettled == 0 && closesAt != null) {
        ClosingPaneHold.pane(open, renewals, hold, closesAt, true, timestamp);
      }
    }

    /**
     * Whether a cluster whose latest row is {@code row} has had its closing row leave; a tombstone
     * is its cluster's last word in the window (its entries are counted under another cluster).
     */
    private static boolean settled(ClusterRow row, ClusterRow applied) {
      return row != null && (row.isTombstone() || (row.isFinal() && applied != null));
    }

    private boolean unsettledBefore(ClusterRow last, ServiceAnalysis current) {
      return last != null && !settled(last, apply(last, current));
    }

    /**
     * The row with {@code analysis} applied, or null while it must wait for one; a tombstone leaves
     * as it is: it has no entries to analyse and must not wait.
     */
    private ClusterRow apply(ClusterRow row, ServiceAnalysis analysis) {
      return row.isTombstone() ? row : ServiceAnalysis.apply(row, analysis, maxClusters);
    }

    private void count(ClusterRow applied, ServiceAnalysis analysis) {
      if (analysis != null
          && analysis.full
          && applied.cascadeEvidence().startsWith("not analysed")) {
        notAnalysed.inc();
      }
    }

    private org.joda.time.Instant expiry(ClusterRow row) {
      return new org.joda.time.Instant(row.windowEnd().toEpochMilli() - 1).plus(lateness);
    }

    @OnTimer("awaitHold")
    public void onAwaitHold() {
      // No analysis came by the window's expiry: the hold is given up; the rows still wait.
    }

    @OnTimer("expire")
    public void onExpire(@TimerId("clear") Timer clear) {
      // Not at once: on a drain the watermark jumps to the end of time and this timer can fire
      // before the closing rows reach this step (as in EmitChangedRows).
      clear.withNoOutputTimestamp().offset(CLEAR_DELAY).setRelative();
    }

    @OnTimer("clear")
    public void onClear(
        @StateId("rows") MapState<String, ClusterRow> rows,
        @StateId("analysis") ValueState<ServiceAnalysis> analysisState,
        @StateId("seq") ValueState<Long> seqState,
        @StateId("unsettled") ValueState<Long> unsettledState,
        @StateId("awaiting") ValueState<Long> awaitingState,
        @StateId("overdue") ValueState<Boolean> overdue,
        @TimerId("clear") Timer clear) {
      Long unsettled = unsettledState.read();
      if (unsettled != null && unsettled > 0 && overdue.read() == null) {
        // Closing rows still on their way (a drain): freed at the next turn, whatever comes.
        overdue.write(true);
        clear.withNoOutputTimestamp().offset(CLEAR_DELAY).setRelative();
        return;
      }
      rows.clear();
      analysisState.clear();
      seqState.clear();
      unsettledState.clear();
      awaitingState.clear();
      overdue.clear();
    }

    @OnTimer("hold")
    public void onHold(
        @Timestamp org.joda.time.Instant firedAt,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold) {
      ClosingPaneHold.fired(open, renewals, hold, firedAt);
    }

    private static boolean newer(ClusterRow b, ClusterRow a) {
      return b.paneIndex() > a.paneIndex()
          || (b.paneIndex() == a.paneIndex() && b.count() > a.count())
          || (b.paneIndex() == a.paneIndex() && b.isFinal() && !a.isFinal());
    }
  }

  /** Outputs a key's rows numbered in order, at their window's last instant (or the input's). */
  private static final class Numbered {
    private final String key;
    private final ValueState<Long> seq;
    private final DoFn.OutputReceiver<KV<String, KV<Long, ClusterRow>>> out;
    private final org.joda.time.Instant notBefore;

    Numbered(
        String key,
        ValueState<Long> seq,
        DoFn.OutputReceiver<KV<String, KV<Long, ClusterRow>>> out,
        org.joda.time.Instant notBefore) {
      this.key = key;
      this.seq = seq;
      this.out = out;
      this.notBefore = notBefore;
    }

    void output(ClusterRow row) {
      Long n = seq.read();
      long next = n == null ? 0 : n + 1;
      seq.write(next);
      // At the window's end, or later while a closing row (stamped at its window's expiry) is
      // being processed: BackIntoWindows puts it back.
      org.joda.time.Instant end = new org.joda.time.Instant(row.windowEnd().toEpochMilli() - 1);
      out.outputWithTimestamp(
          KV.of(key + '\u0000' + row.clusterId(), KV.of(next, row)),
          end.isBefore(notBefore) ? notBefore : end);
    }
  }
}
