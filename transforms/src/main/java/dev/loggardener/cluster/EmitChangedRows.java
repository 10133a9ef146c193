package dev.loggardener.cluster;

import dev.loggardener.beam.BackIntoWindows;
import dev.loggardener.beam.ClosingPaneHold;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.StampClosingAtExpiry;
import dev.loggardener.signature.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The last step before the sinks: per (window, service), lets a cluster's row through only when it
 * differs from the last one emitted for that cluster, numbers what it lets through ({@code
 * emit_seq} 1, 2, ...) and stamps it with the window's run lineage ({@code run_id}). The rules are
 * the streaming contract of {@code docs/streaming.md}.
 *
 * <p>Input: rows, each with the firing of the stage that made it (its version). A row older than
 * the last one seen for its cluster is dropped (shuffles do not keep order); a row is "changed"
 * when anything but the pane bookkeeping ({@code emitted_at}, {@code pane_index}) and the run stamp
 * differs, and the first row of a cluster after its window's early panes always counts as changed:
 * history and issue filing act on it, so it must leave even when the hour's last early pane already
 * had the same count.
 *
 * <p>The lineage is the run id of the launch that first wrote a row of the (window, service), kept
 * in state: an in-place update ({@code --update}) carries state over, so the rows of a window that
 * was open at the update keep their lineage and their {@code emit_seq} goes on, and {@code
 * clusters_latest} still reads one latest row per cluster instead of adding two runs.
 *
 * <p>When a row's cluster takes over the entries of clusters emitted earlier in the same (window,
 * service) (a group learned after early panes had shown its members on their own, or the reverse),
 * each of those gets a tombstone: its last row with {@code count = 0} and {@code superseded_by}
 * naming the cluster that holds its entries now, so the latest row per cluster adds up to the
 * window's entries exactly.
 *
 * <p>The state is keyed by (window, service) in the global window, so a closing pane is never
 * dropped as late here, and holds the latest row per cluster ({@code MapState}), freed by a timer
 * when the window's allowed lateness is over. The step holds its output watermark until every live
 * cluster of the (window, service) has had its final row ({@code is_final}) through it ({@link
 * ClosingPaneHold}): the rows go back into their windows, and the per-window steps after it (the
 * reports) would otherwise drop the closing rows as late.
 */
public final class EmitChangedRows
    extends PTransform<PCollection<KV<String, KV<Long, ClusterRow>>>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final RunKind runKind;

  private EmitChangedRows(String runId, RunKind runKind) {
    this.runId = runId;
    this.runKind = runKind;
  }

  /** Rows keep the run fields they came with (tests, or stages that set them). */
  public static EmitChangedRows create() {
    return new EmitChangedRows(null, null);
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
    return new EmitChangedRows(runId, runKind);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<KV<String, KV<Long, ClusterRow>>> rows) {
    WindowingStrategy<?, ?> original = rows.getWindowingStrategy();
    // Kept until the windows' late panes are over, and an hour more for the stages before.
    Duration lateness = original.getAllowedLateness();
    Duration keep = lateness.plus(Duration.standardHours(1));
    return rows.apply("KeyByServiceWindow", ParDo.of(new KeyByServiceWindowFn()))
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
        .apply("EmitIfChanged", ParDo.of(new EmitFn(runId, runKind, keep, lateness)))
        .setCoder(ClusterRowCoder.of())
        .apply(
            "BackIntoWindows",
            BackIntoWindows.<ClusterRow>of(original)
                .restampedBy(r -> new Instant(r.windowEnd().toEpochMilli() - 1)));
  }

  /** A 64-bit fingerprint of what a reader of the row sees, bookkeeping left out. */
  static long fingerprint(ClusterRow r) {
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

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, ClusterRow>> e,
        OutputReceiver<KV<String, KV<Long, ClusterRow>>> out) {
      ClusterRow r = e.getValue().getValue();
      out.output(KV.of(r.service() + '\u0000' + r.windowStart().toEpochMilli(), e.getValue()));
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
    private final Counter tombstones = GardenerCounters.counter("cluster_rows_superseded");

    @StateId("latest")
    private final StateSpec<MapState<String, KV<Long, ClusterRow>>> latestSpec =
        StateSpecs.map(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of()));

    @StateId("lineage")
    private final StateSpec<ValueState<String>> lineageSpec =
        StateSpecs.value(StringUtf8Coder.of());

    @StateId("pane")
    private final StateSpec<ValueState<Long>> paneSpec = StateSpecs.value(VarLongCoder.of());

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
        @StateId("pane") ValueState<Long> paneState,
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
      emit(element, latest, lineageState, paneState, expire, out);
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
        ValueState<Long> paneState,
        Timer expire,
        OutputReceiver<ClusterRow> out) {
      long version = element.getValue().getKey();
      ClusterRow row = element.getValue().getValue();
      // Upstream panes accumulate: a firing of the (window, service) holds every cluster that
      // still exists, so a row from an older firing is outdated. Without this, the early row of a
      // signature a later firing grouped would keep coming back after its tombstone.
      Long pane = paneState.read();
      if (pane != null && row.paneIndex() < pane) {
        unchanged.inc();
        return;
      }
      if (pane == null || row.paneIndex() > pane) {
        paneState.write(row.paneIndex());
      }
      String cluster = row.clusterId();
      KV<Long, ClusterRow> last = latest.get(cluster).read();
      if (last != null && version < last.getKey()) {
        unchanged.inc(); // an older firing overtaken by a newer one: not news
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
      out.output(next);
      boolean scan = last == null || last.getValue().isTombstone();
      for (KV<Long, ClusterRow> absorbed : superseded(next, scan, latest)) {
        ClusterRow old = absorbed.getValue();
        ClusterRow tombstone =
            old.toBuilder()
                .count(0)
                .supersededBy(cluster)
                .paneIndex(next.paneIndex())
                .paneTiming(next.paneTiming())
                .isFinal(next.isFinal())
                .emittedAt(next.emittedAt())
                .runId(next.runId())
                .runKind(next.runKind())
                .emitSeq(old.emitSeq() + 1)
                .build();
        latest.put(old.clusterId(), KV.of(absorbed.getKey(), tombstone));
        tombstones.inc();
        out.output(tombstone);
      }
    }

    /**
     * The live clusters of this (window, service) whose entries {@code row} now counts: those whose
     * signatures it lists among its members (a group that absorbed fine clusters, or a signature
     * back on its own from a group). A cluster seen for the first time is compared with every live
     * cluster once; after that only its members are looked up, so the work per row stays bounded by
     * the member cap.
     */
    static List<KV<Long, ClusterRow>> superseded(
        ClusterRow row, boolean scan, MapState<String, KV<Long, ClusterRow>> latest) {
      Set<String> members = new HashSet<>(row.groupMemberIds());
      members.add(row.signatureId());
      members.add(row.clusterId());
      List<KV<Long, ClusterRow>> out = new ArrayList<>();
      if (scan) {
        for (Map.Entry<String, KV<Long, ClusterRow>> e : latest.entries().read()) {
          ClusterRow other = e.getValue().getValue();
          if (!e.getKey().equals(row.clusterId())
              && !other.isTombstone()
              && (members.contains(other.clusterId())
                  || members.contains(other.signatureId())
                  || !java.util.Collections.disjoint(members, other.groupMemberIds()))) {
            out.add(e.getValue());
          }
        }
        return out;
      }
      for (String m : members) {
        if (m.equals(row.clusterId())) {
          continue;
        }
        KV<Long, ClusterRow> other = latest.get(m).read();
        if (other != null && !other.getValue().isTombstone()) {
          out.add(other);
        }
      }
      return out;
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
        @StateId("lineage") ValueState<String> lineageState,
        @StateId("pane") ValueState<Long> paneState) {
      latest.clear();
      lineageState.clear();
      paneState.clear();
    }
  }
}
