package dev.loggardener.cluster;

import dev.loggardener.beam.BackIntoWindows;
import dev.loggardener.beam.ClosingPaneHold;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.StampClosingAtExpiry;
import dev.loggardener.signature.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The last step before the sinks: per (window, service, shard of the cluster id), lets a cluster's
 * row through only when it differs from the last one emitted for that cluster, numbers what it lets
 * through per cluster ({@code emit_seq} 1, 2, ...) and stamps it with the key's run lineage ({@code
 * run_id}). The rules are the streaming contract of {@code docs/streaming.md}.
 *
 * <p>Input: rows, each with the firing of the stage that made it (its version). A row older than
 * the last one seen for its cluster is dropped (shuffles do not keep order); a row is "changed"
 * when anything but the pane bookkeeping ({@code emitted_at}, {@code pane_index}) and the run stamp
 * differs, and the first row of a cluster after its window's early panes always counts as changed:
 * history and issue filing act on it, so it must leave even when the hour's last early pane already
 * had the same count.
 *
 * <p>The lineage is the run id of the launch that first wrote a row of the key, kept in state: an
 * in-place update ({@code --update}) carries state over, so the rows of a window that was open at
 * the update keep their lineage and their {@code emit_seq} goes on, and {@code clusters_latest}
 * still reads one latest row per cluster instead of adding two runs.
 *
 * <p>Tombstones ({@code count = 0}, {@code superseded_by}) come from grouping, which knows which
 * fine clusters a group absorbed; they reach the key of the cluster they take back and leave as its
 * next row, or are dropped when no row of that cluster left here. So no row is compared with the
 * other clusters of its (window, service), and the key can be a shard of it.
 *
 * <p>The state is keyed in the global window, so a closing pane is never dropped as late here, and
 * holds the latest row per cluster ({@code MapState}), freed by a timer when the window's allowed
 * lateness is over. The step holds its output watermark until every live cluster of the key has had
 * its final row ({@code is_final}) through it ({@link ClosingPaneHold}): the rows go back into
 * their windows, and the per-window steps after it (the reports) would otherwise drop the closing
 * rows as late.
 */
public final class EmitChangedRows
    extends PTransform<PCollection<KV<String, KV<Long, ClusterRow>>>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final RunKind runKind;
  private final int shards;

  private EmitChangedRows(String runId, RunKind runKind, int shards) {
    this.runId = runId;
    this.runKind = runKind;
    this.shards = shards;
  }

  /** Rows keep the run fields they came with (tests, or stages that set them). */
  public static EmitChangedRows create() {
    return new EmitChangedRows(null, null, 1);
  }

  /**
   * Keys the state by (window, service, shard of the cluster id) ({@link PostAggregationKey}), so a
   * big service's clusters spread over {@code shards} keys; each cluster's rows, tombstones
   * included, stay on one key, and its {@code emit_seq} and lineage with them.
   */
  public EmitChangedRows shardedBy(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1: " + shards);
    }
    return new EmitChangedRows(runId, runKind, shards);
  }

  /**
   * Stamps rows with {@code runKind} and the lineage: {@code runId} for a (window, service) this
   * launch starts, or the id already in state for one an earlier launch started (an update).
   */
  public EmitChangedRows stampingRun(String runId, RunKind runKind) {
    if (runKind != RunKind.STREAM && runKind != RunKind.BATCH) {
      throw new IllegalArgumentException("run kind must be STREAM or BATCH: " + runKind);
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("run id must not be empty");
    }
    return new EmitChangedRows(runId, runKind, shards);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<KV<String, KV<Long, ClusterRow>>> rows) {
    WindowingStrategy<?, ?> original = rows.getWindowingStrategy();
    // Kept until the windows' late panes are over, and an hour more for the stages before.
    Duration lateness = original.getAllowedLateness();
    Duration keep = lateness.plus(Duration.standardHours(1));
    return rows.apply("KeyByServiceWindow", ParDo.of(new KeyByServiceWindowFn(shards)))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of())))
        .apply(
            "IntoGlobalWindow",
            Window.<KV<String, KV<Long, ClusterRow>>>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply(
            "StampClosingRows",
            StampClosingAtExpiry.<KV<String, KV<Long, ClusterRow>>>of(
                kv -> kv.getValue().getValue().isFinal(),
                kv ->
                    new Instant(kv.getValue().getValue().windowEnd().toEpochMilli() - 1)
                        .plus(lateness)))
        .apply(
            PostAggregationKey.stepName("EmitIfChanged", shards),
            ParDo.of(new EmitFn(runId, runKind, keep, lateness)))
        .setCoder(ClusterRowCoder.of())
        .apply(
            "BackIntoWindows",
            BackIntoWindows.<ClusterRow>of(original)
                .restampedBy(r -> new Instant(r.windowEnd().toEpochMilli() - 1)));
  }

  /**
   * A 64-bit fingerprint of what a reader of the row sees, bookkeeping left out ({@code
   * emitted_at}, {@code pane_index}, the run stamp; of the timing only whether it is early): two
   * rows with the same fingerprint are the same news.
   */
  public static long fingerprint(ClusterRow r) {
    byte[] json =
        ClusterRowJson.toJson(
                r.toBuilder()
                    .emittedAt(null)
                    .paneIndex(0)
                    // early or not is news: the first row after the early panes must leave
                    .paneTiming(isEarly(r) ? PaneTiming.EARLY : PaneTiming.ON_TIME)
                    .emitSeq(0)
                    .runId("")
                    .runKind(RunKind.UNSET)
                    .build())
            .getBytes(StandardCharsets.UTF_8);
    return XxHash64.hash(json, json.length, 0L);
  }

  static boolean isEarly(ClusterRow r) {
    return r.paneTiming() == PaneTiming.EARLY;
  }

  static final class KeyByServiceWindowFn
      extends DoFn<KV<String, KV<Long, ClusterRow>>, KV<String, KV<Long, ClusterRow>>> {
    private static final long serialVersionUID = 1L;

    private final int shards;

    KeyByServiceWindowFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, ClusterRow>> e,
        OutputReceiver<KV<String, KV<Long, ClusterRow>>> out) {
      ClusterRow r = e.getValue().getValue();
      out.output(
          KV.of(
              PostAggregationKey.of(r.service(), r.windowStart(), r.clusterId(), shards),
              e.getValue()));
    }
  }

  static final class EmitFn extends DoFn<KV<String, KV<Long, ClusterRow>>, ClusterRow> {
    private static final long serialVersionUID = 1L;

    static final Duration CLEAR_DELAY = Duration.standardMinutes(10);

    private final String runId;
    private final RunKind runKind;
    private final Duration keep;
    private final Counter unchanged = GardenerCounters.counter("cluster_rows_unchanged");
    private final Counter emitted = GardenerCounters.counter(GardenerCounters.CLUSTER_ROWS);
    private final Counter tombstones =
        GardenerCounters.counter(GardenerCounters.CLUSTER_ROWS_SUPERSEDED);

    @StateId("latest")
    private final StateSpec<MapState<String, KV<Long, ClusterRow>>> latestSpec =
        StateSpecs.map(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of()));

    @StateId("lineage")
    private final StateSpec<ValueState<String>> lineageSpec =
        StateSpecs.value(StringUtf8Coder.of());

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

    private final Duration lateness;

    EmitFn(String runId, RunKind runKind, Duration keep, Duration lateness) {
      this.runId = runId;
      this.runKind = runKind;
      this.keep = keep;
      this.lateness = lateness;
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, ClusterRow>> element,
        @StateId("latest") MapState<String, KV<Long, ClusterRow>> latest,
        @StateId("lineage") ValueState<String> lineageState,
        @TimerId("expire") Timer expire,
        @Timestamp Instant timestamp,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        OutputReceiver<ClusterRow> out) {
      ClusterRow row = element.getValue().getValue();
      Instant expiry = new Instant(row.windowEnd().toEpochMilli() - 1).plus(lateness);
      if (!row.isFinal()) {
        ClosingPaneHold.pane(open, renewals, hold, expiry, false, timestamp);
      }
      emit(element, latest, lineageState, expire, out);
      if (row.isFinal() && allFinal(latest)) {
        ClosingPaneHold.pane(open, renewals, hold, expiry, true, timestamp);
      }
    }

    /**
     * Whether every live cluster of the (window, service) has had its final row: the key's closing
     * rows arrive one cluster at a time, and the hold must stay until the last of them has left.
     */
    static boolean allFinal(MapState<String, KV<Long, ClusterRow>> latest) {
      for (KV<Long, ClusterRow> kv : latest.values().read()) {
        ClusterRow r = kv.getValue();
        if (!r.isTombstone() && !r.isFinal()) {
          return false;
        }
      }
      return true;
    }

    private void emit(
        KV<String, KV<Long, ClusterRow>> element,
        MapState<String, KV<Long, ClusterRow>> latest,
        ValueState<String> lineageState,
        Timer expire,
        OutputReceiver<ClusterRow> out) {
      long version = element.getValue().getKey();
      ClusterRow row = element.getValue().getValue();
      String cluster = row.clusterId();
      KV<Long, ClusterRow> last = latest.get(cluster).read();
      if (last != null && version < last.getKey()) {
        unchanged.inc(); // an older firing overtaken by a newer one: not news
        return;
      }
      // Grouping numbers its firings of the (window, service) (pane_index): a row of a firing
      // before the last one kept for its cluster is outdated. Without this, the early row of a
      // signature a later firing grouped would come back after its tombstone, which carries the
      // pane of the row that absorbed it. Per cluster: the step before sends a cluster's row
      // again only when it changed, so rows of one firing need not all reach this step.
      if (last != null && row.paneIndex() < last.getValue().paneIndex()) {
        unchanged.inc();
        return;
      }
      if (last != null && fingerprint(last.getValue()) == fingerprint(row)) {
        latest.put(cluster, KV.of(version, last.getValue()));
        unchanged.inc();
        return;
      }
      if (last == null) {
        expire.withNoOutputTimestamp().set(new Instant(row.windowEnd().toEpochMilli()).plus(keep));
      }
      if (row.isTombstone() && (last == null || last.getValue().emitSeq() == 0)) {
        // No row of the cluster has left here: nothing to take back. Kept, so that an older row
        // of it still on its way is recognised as outdated.
        latest.put(cluster, KV.of(version, row));
        unchanged.inc();
        return;
      }
      String lineage = lineageState.read();
      if (lineage == null && runId != null) {
        lineage = runId;
        lineageState.write(lineage);
      }
      ClusterRow.Builder b =
          row.toBuilder().emitSeq(last == null ? 1 : last.getValue().emitSeq() + 1);
      if (lineage != null) {
        b.runId(lineage).runKind(runKind);
      }
      ClusterRow next = b.build();
      latest.put(cluster, KV.of(version, next));
      emitted.inc();
      if (next.isTombstone()) {
        tombstones.inc();
      }
      out.output(next);
    }

    @OnTimer("expire")
    public void onExpire(@TimerId("clear") Timer clear) {
      // Not at once: when a job drains, the watermark jumps to the end of time and this timer
      // can fire before the closing panes upstream reach this step; cleared then, their rows
      // would start the cluster over at emit_seq 1 and tie with the earlier rows.
      clear.withNoOutputTimestamp().offset(CLEAR_DELAY).setRelative();
    }

    @OnTimer("hold")
    public void onHold(
        @Timestamp Instant firedAt,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold) {
      ClosingPaneHold.fired(open, renewals, hold, firedAt);
    }

    @OnTimer("clear")
    public void onClear(
        @StateId("latest") MapState<String, KV<Long, ClusterRow>> latest,
        @StateId("lineage") ValueState<String> lineageState) {
      latest.clear();
      lineageState.clear();
    }
  }
}
