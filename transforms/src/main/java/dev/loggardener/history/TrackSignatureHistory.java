package dev.loggardener.history;

import dev.loggardener.beam.ClosingPaneHold;
import dev.loggardener.beam.EventTimeOrder;
import dev.loggardener.beam.StampClosingAtExpiry;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.PaneTiming;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
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
 * Sets each row's {@code status} (NEW, ONGOING, SPIKE, REGRESSION; see {@link ClusterStatus}) and
 * {@code tracking_issue} from the history of its (service, signature) and the known-issues
 * registry.
 *
 * <p>History has to outlive the hourly windows, so rows are keyed by (service, signature) and moved
 * into the global window, where a stateful DoFn keeps a {@link SignatureHistory} (at most 168
 * window counts). Rows are processed in event-time order whatever order they arrive in: each row is
 * buffered and an event-time timer at its timestamp (its window's end) releases, when the watermark
 * passes it, every buffered row of that time, sorted by window start, pane and count. A row
 * arriving for a window older than one already processed (a late pane) is compared only with the
 * windows before it, so the outcome does not depend on arrival order. A second timer clears the
 * state once the signature has been absent for {@code retentionDays}; that timer holds no
 * watermark.
 *
 * <p>Early rows (streaming) are not held: a row of an early pane is classified at once against the
 * history as it is, and is not recorded, so it reaches reports, issues and BigQuery before its
 * window closes; holding it for the watermark made {@code --earlyFiringMinutes} invisible at the
 * sinks. Only on-time and late rows are recorded, in event-time order, so history (and every later
 * status) is the same however early panes fired. The rows are then put back into the windowing they
 * came with, so downstream joins see the same windows and triggers as before this stage; the step
 * holds its output watermark until each window's final row ({@code is_final}) of the signature has
 * left it ({@link ClosingPaneHold}), so the per-window steps after it do not drop it as late.
 */
public final class TrackSignatureHistory
    extends PTransform<PCollection<ClusterRow>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_RETENTION_DAYS = 14;

  /**
   * The {@code pane_timing} of a seed row: a count some earlier run wrote, recorded into the
   * history before the rows of later windows are classified, and never emitted.
   */
  public static final PaneTiming SEED = PaneTiming.SEED;

  private final KnownIssuesSource registry;
  private final int retentionDays;
  private final transient PCollection<ClusterRow> seed;

  private TrackSignatureHistory(
      KnownIssuesSource registry, int retentionDays, PCollection<ClusterRow> seed) {
    this.registry = registry;
    this.retentionDays = retentionDays;
    this.seed = seed;
  }

  public static TrackSignatureHistory with(KnownIssues registry) {
    return with(KnownIssuesSource.fixed(registry));
  }

  /** History against a registry that may be re-read while the job runs. */
  public static TrackSignatureHistory with(KnownIssuesSource registry) {
    return new TrackSignatureHistory(registry, DEFAULT_RETENTION_DAYS, null);
  }

  /** Forget a signature after this many days without it. */
  public TrackSignatureHistory retainingDays(int days) {
    return new TrackSignatureHistory(registry, days, seed);
  }

  /**
   * Starts every signature's history from {@code seed}: rows an earlier run wrote (window, service,
   * cluster and count; each stamped at its window's last instant), with {@code pane_timing = SEED}.
   * Without it a fresh launch knows nothing, so every ongoing signature is NEW again and needs an
   * issue. Seed rows are only recorded, never emitted.
   */
  public TrackSignatureHistory seededWith(PCollection<ClusterRow> seed) {
    return new TrackSignatureHistory(registry, retentionDays, seed);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<ClusterRow> rows) {
    WindowingStrategy<?, ?> original = rows.getWindowingStrategy();
    Duration lateness = original.getAllowedLateness();
    PCollection<KV<String, ClusterRow>> keyed =
        intoGlobalWindow("", rows)
            .apply(
                "StampClosingRows",
                StampClosingAtExpiry.<KV<String, ClusterRow>>of(
                    kv -> kv.getValue().isFinal() && kv.getValue().paneTiming() != SEED,
                    kv ->
                        new Instant(kv.getValue().windowEnd().toEpochMilli() - 1).plus(lateness)));
    if (seed != null) {
      keyed =
          org.apache.beam.sdk.values.PCollectionList.of(keyed)
              .and(intoGlobalWindow("Seed", seed))
              .apply("WithSeed", org.apache.beam.sdk.transforms.Flatten.pCollections());
    }
    PCollection<ClusterRow> classified =
        keyed
            .apply(
                "ClassifyAgainstHistory",
                ParDo.of(new ClassifyFn(registry, retentionDays, original.getAllowedLateness())))
            .setCoder(ClusterRowCoder.of());
    return classified.apply(
        "BackIntoWindows",
        dev.loggardener.beam.BackIntoWindows.<ClusterRow>of(original)
            .restampedBy(r -> new Instant(r.windowEnd().toEpochMilli() - 1)));
  }

  private static PCollection<KV<String, ClusterRow>> intoGlobalWindow(
      String prefix, PCollection<ClusterRow> rows) {
    return rows.apply(prefix + "KeyBySignature", ParDo.of(new KeyFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ClusterRowCoder.of()))
        .apply(
            prefix + "IntoGlobalWindow",
            Window.<KV<String, ClusterRow>>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes());
  }

  static final class KeyFn extends DoFn<ClusterRow, KV<String, ClusterRow>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element ClusterRow r, OutputReceiver<KV<String, ClusterRow>> out) {
      // by group: the heaviest member, whose id is signature_id, may change from window to window
      out.output(KV.of(r.service() + '\u0000' + r.clusterId(), r));
    }
  }

  static final class ClassifyFn extends DoFn<KV<String, ClusterRow>, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<ClusterRow> ORDER =
        Comparator.<ClusterRow, java.time.Instant>comparing(r -> r.windowStart())
            .thenComparingLong(r -> r.paneIndex())
            .thenComparingLong(r -> r.count())
            .thenComparingLong(r -> r.emitSeq());

    private final KnownIssuesSource registry;
    private final int retentionDays;

    @StateId("history")
    private final StateSpec<ValueState<SignatureHistory>> historySpec =
        StateSpecs.value(SignatureHistoryCoder.of());

    @StateId("pending")
    private final StateSpec<BagState<KV<Long, ClusterRow>>> pendingSpec =
        StateSpecs.bag(KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of()));

    @StateId("flushAt")
    private final StateSpec<ValueState<Long>> flushAtSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("expire")
    private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @StateId("open")
    private final StateSpec<ValueState<List<Long>>> openSpec = ClosingPaneHold.openSpec();

    @StateId("renewals")
    private final StateSpec<ValueState<Integer>> renewalsSpec = ClosingPaneHold.renewalsSpec();

    @TimerId("hold")
    private final TimerSpec holdSpec = ClosingPaneHold.holdSpec();

    private final Duration lateness;

    ClassifyFn(KnownIssuesSource registry, int retentionDays, Duration lateness) {
      this.registry = registry;
      this.retentionDays = retentionDays;
      this.lateness = lateness;
    }

    /** When the row's window is past its allowed lateness: its closing pane fires then. */
    private Instant expiry(ClusterRow row) {
      return new Instant(row.windowEnd().toEpochMilli() - 1).plus(lateness);
    }

    @ProcessElement
    public void process(
        @Element KV<String, ClusterRow> element,
        @Timestamp Instant timestamp,
        @StateId("history") ValueState<SignatureHistory> historyState,
        @StateId("pending") BagState<KV<Long, ClusterRow>> pending,
        @StateId("flushAt") ValueState<Long> flushAt,
        @TimerId("flush") Timer flush,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        OutputReceiver<ClusterRow> out) {
      ClusterRow row = element.getValue();
      if (row.paneTiming() != SEED && !row.isFinal()) {
        ClosingPaneHold.pane(open, renewals, hold, expiry(row), false, timestamp);
      }
      if (row.paneTiming() == PaneTiming.EARLY) {
        SignatureHistory history = historyState.read();
        out.output(
            ClusterStatus.classify(
                row, history == null ? new SignatureHistory() : history, registry.current()));
        return;
      }
      EventTimeOrder.hold(pending, flushAt, flush, timestamp, row);
    }

    @OnTimer("flush")
    public void onFlush(
        @Timestamp Instant firedAt,
        @StateId("history") ValueState<SignatureHistory> historyState,
        @StateId("pending") BagState<KV<Long, ClusterRow>> pending,
        @StateId("flushAt") ValueState<Long> flushAt,
        @TimerId("flush") Timer flush,
        @TimerId("expire") Timer expire,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        OutputReceiver<ClusterRow> out) {
      List<ClusterRow> due = EventTimeOrder.releaseDue(pending, flushAt, flush, firedAt, ORDER);
      SignatureHistory history = historyState.read();
      if (history == null) {
        history = new SignatureHistory();
      }
      for (ClusterRow row : due) {
        if (row.paneTiming() == SEED) {
          history.record(row.windowStart().toEpochMilli(), row.count()); // known, not news
          continue;
        }
        // Classify against the windows before this one, then remember this window's count.
        out.output(ClusterStatus.classify(row, history, registry.current()));
        history.record(row.windowStart().toEpochMilli(), row.count());
        // A tombstone ends its cluster's rows in the window as surely as a final row: its
        // entries are counted under another cluster now, and no final row of it will follow.
        if (row.isFinal() || row.isTombstone()) {
          ClosingPaneHold.pane(open, renewals, hold, expiry(row), true, firedAt);
        }
      }
      historyState.write(history);
      Long last = history.lastWindowStart();
      if (last != null) {
        expire
            .withNoOutputTimestamp()
            .set(new Instant(last).plus(Duration.standardDays(retentionDays + 1L)));
      }
    }

    @OnTimer("hold")
    public void onHold(
        @Timestamp Instant firedAt,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold) {
      ClosingPaneHold.fired(open, renewals, hold, firedAt);
    }

    @OnTimer("expire")
    public void onExpire(
        @StateId("history") ValueState<SignatureHistory> historyState,
        @StateId("flushAt") ValueState<Long> flushAt) {
      // Rows still waiting re-arm this timer when they are processed.
      if (flushAt.read() == null) {
        historyState.clear();
      }
    }
  }
}
