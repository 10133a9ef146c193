package dev.loggardener.grouping;

import dev.loggardener.beam.BackIntoWindows;
import dev.loggardener.beam.ClosingPaneHold;
import dev.loggardener.beam.EventTimeOrder;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.GatherPanes;
import dev.loggardener.beam.StampClosingAtExpiry;
import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.CascadeEvidenceCoder;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.ClusterStatsCoder;
import dev.loggardener.cluster.PaneTiming;
import dev.loggardener.priority.PriorityClassifier;
import dev.loggardener.priority.PriorityPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Rolls fine clusters up into groups of signature templates that differ only at variable positions,
 * between {@link AggregateClusters} and cascade linking. Input: each fine cluster's row and stats
 * per pane ({@link AggregateClusters#withStats}); output: one row per (window, service, group) per
 * pane with its merged cascade evidence, as {@code LinkCascades} takes it. The design (why after
 * aggregation, why event-time order, what state, what bounds) is in the {@code
 * dev.loggardener.grouping} package documentation.
 *
 * <p>Steps: gather the fine clusters that fired for each (service, window) over a processing-time
 * delay ({@link GatherPanes#changesOnly} plus a {@code GroupByKey}: panes are discarded, so a
 * firing holds only the clusters that changed since the last one, and the window's closing pane
 * still fires); move those {@link ServicePane}s into the global window keyed by service, where a
 * stateful DoFn keeps the service's {@link LearnedGroups} and, per open window, the latest row of
 * every fine cluster and a fingerprint of the last row emitted per group ({@link WindowClusters},
 * in {@code MapState} by window); release settled firings in event-time order with a timer, as
 * {@code TrackSignatureHistory} does; for each firing that brought news, learn with {@link
 * SignatureGrouper#learn} from the window's latest rows, roll them up with {@link GroupRollup}, and
 * emit only the group rows that changed, with a tombstone ({@code count = 0}, {@code
 * superseded_by}) for each cluster emitted earlier in the window whose signatures another cluster
 * now holds; put the rows back into the windowing they came with. What a firing reads is its own
 * rows and the window's latest row per cluster, never earlier firings ({@code
 * post_aggregation_rows_read_per_firing}). A window's state is freed 10 to 20 minutes of processing
 * time after its closing pane (a restored job can fire the window once more after it). The stateful
 * step holds its output watermark until each window's closing pane has left it ({@link
 * ClosingPaneHold}), so the windowed steps after it never see that pane as late.
 *
 * <p>Early panes (streaming only) do not wait: an early firing is grouped at once with the learned
 * state as it is at that moment, plus what that pane itself shows, and its rows leave straight
 * away, so {@code --earlyFiringMinutes} reaches the sinks. What an early pane learns is not written
 * to the state: only on-time and late panes, released in event-time order, change what is learned,
 * so the persisted groups (and the final rows) do not depend on when processing-time triggers
 * happened to fire. Event-time order is kept where determinism needs it: every pane of bounded
 * input (all on time) and the on-time and late panes of a stream. An early row is provisional, as
 * its count is: the window's on-time pane holds all its entries and is grouped again from the
 * persisted state.
 */
public final class GroupSignatures
    extends PTransform<
        PCollection<KV<ClusterRow, ClusterStats>>, PCollection<KV<ClusterRow, CascadeEvidence>>> {
  private static final long serialVersionUID = 1L;

  /** How long a window's changed fine clusters are gathered before they are grouped, by default. */
  public static final Duration DEFAULT_BATCH_DELAY = GatherPanes.DEFAULT_DELAY;

  private final PriorityPolicy policy;
  private final boolean learning;
  private final transient PCollection<ClusterRow> seed;
  private final Duration batchDelay;

  private GroupSignatures(
      PriorityPolicy policy, boolean learning, PCollection<ClusterRow> seed, Duration batchDelay) {
    this.policy = policy;
    this.learning = learning;
    this.seed = seed;
    this.batchDelay = batchDelay;
  }

  /** Grouping whose rows get a provisional priority from {@code policy}, as aggregation's do. */
  public static GroupSignatures with(PriorityPolicy policy) {
    return new GroupSignatures(policy, true, null, DEFAULT_BATCH_DELAY);
  }

  /**
   * Starts each service's learned groups from {@code seed}: rows an earlier run wrote (the same
   * rows that seed the history), whose {@code group_template} with {@code <*>} is a learned
   * pattern. Without it a relaunch forgets every group, and their members come back as fine
   * clusters, each NEW with an issue of its own. Read as a side input when a service's first pane
   * arrives; a service whose groups are already in state (an updated job) keeps its state.
   */
  public GroupSignatures seededWith(PCollection<ClusterRow> seed) {
    return new GroupSignatures(policy, learning, seed, batchDelay);
  }

  /**
   * With {@code false}, nothing is learned and every signature is a group of one: the rows are the
   * aggregation's with {@code group_id = signature_id}. The steps stay the same, so a running job
   * can be updated from one setting to the other.
   */
  public GroupSignatures learning(boolean learn) {
    return new GroupSignatures(policy, learn, seed, batchDelay);
  }

  /**
   * A window's changed fine clusters are gathered for {@code delay} of processing time before they
   * are grouped, so a service whose clusters fire one by one is grouped once per batch, not once
   * per cluster; zero fires a batch for each bundle.
   */
  public GroupSignatures batchingFor(Duration delay) {
    if (delay.getMillis() < 0) {
      throw new IllegalArgumentException("batching delay must be >= 0: " + delay);
    }
    return new GroupSignatures(policy, learning, seed, delay);
  }

  @Override
  public PCollection<KV<ClusterRow, CascadeEvidence>> expand(
      PCollection<KV<ClusterRow, ClusterStats>> clusters) {
    PCollection<KV<String, ServicePane>> panes =
        clusters
            .apply("GatherPanes", GatherPanes.<KV<ClusterRow, ClusterStats>>changesOnly(batchDelay))
            .apply("KeyByService", ParDo.of(new KeyByServiceFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ClusterStatsCoder.of()))
            .apply("GroupServiceClusters", GroupByKey.create())
            .apply("ToServicePanes", ParDo.of(new ToServicePaneFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ServicePaneCoder.of()));
    Duration lateness = clusters.getWindowingStrategy().getAllowedLateness();
    PCollection<KV<ClusterRow, CascadeEvidence>> grouped =
        panes
            .apply(
                "IntoGlobalWindow",
                Window.<KV<String, ServicePane>>into(new GlobalWindows())
                    .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(Duration.ZERO)
                    .discardingFiredPanes())
            .apply(
                "StampClosingPanes",
                StampClosingAtExpiry.<KV<String, ServicePane>>of(
                    kv -> kv.getValue().isFinal,
                    kv -> new Instant(kv.getValue().windowEnd.toEpochMilli() - 1).plus(lateness)))
            .apply(
                "LearnAndRollUp",
                learnAndRollUp(clusters.getWindowingStrategy().getAllowedLateness()))
            .setCoder(KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of()));
    return grouped.apply(
        "BackIntoWindows",
        BackIntoWindows.<KV<ClusterRow, CascadeEvidence>>of(clusters.getWindowingStrategy())
            .restampedBy(kv -> new Instant(kv.getKey().windowEnd().toEpochMilli() - 1)));
  }

  private ParDo.SingleOutput<KV<String, ServicePane>, KV<ClusterRow, CascadeEvidence>>
      learnAndRollUp(Duration lateness) {
    if (seed == null || !learning) {
      return ParDo.of(new LearnAndRollUpFn(policy, learning, null, lateness));
    }
    PCollectionView<Map<String, Iterable<String>>> patterns =
        seed.apply("SeedPatterns", ParDo.of(new SeedPatternsFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("IntoGlobalWindowSeed", Window.<KV<String, String>>into(new GlobalWindows()))
            .apply("DistinctSeedPatterns", org.apache.beam.sdk.transforms.Distinct.create())
            .apply("SeedPatternsView", View.asMultimap());
    return ParDo.of(new LearnAndRollUpFn(policy, learning, patterns, lateness))
        .withSideInputs(patterns);
  }

  /** A seed row's learned pattern, by service: its group template when it has a variable part. */
  static final class SeedPatternsFn extends DoFn<ClusterRow, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element ClusterRow r, OutputReceiver<KV<String, String>> out) {
      if (r.groupTemplate().contains(Tokens.MASK)) {
        out.output(KV.of(r.service(), r.groupTemplate()));
      }
    }
  }

  static final class KeyByServiceFn
      extends DoFn<KV<ClusterRow, ClusterStats>, KV<String, ClusterStats>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<ClusterRow, ClusterStats> e, OutputReceiver<KV<String, ClusterStats>> out) {
      out.output(KV.of(e.getKey().service(), e.getValue()));
    }
  }

  /**
   * A firing of one (service, window): the fine clusters that fired since the last one (panes are
   * discarded, so only changes travel), with the window and pane as values.
   */
  static final class ToServicePaneFn
      extends DoFn<KV<String, Iterable<ClusterStats>>, KV<String, ServicePane>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<ClusterStats>> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<KV<String, ServicePane>> out) {
      // A gathering can hold several firings of a cluster; aggregation's panes accumulate, so the
      // one with the highest count is the latest.
      Map<String, ClusterStats> latest = new TreeMap<>();
      for (ClusterStats s : element.getValue()) {
        latest.merge(s.sample().signatureId, s, (a, b) -> b.count() > a.count() ? b : a);
      }
      IntervalWindow w = (IntervalWindow) window;
      out.output(
          KV.of(
              element.getKey(),
              new ServicePane(
                  element.getKey(),
                  java.time.Instant.ofEpochMilli(w.start().getMillis()),
                  java.time.Instant.ofEpochMilli(w.end().getMillis()),
                  pane.getIndex(),
                  PaneTiming.of(pane),
                  pane.isLast(),
                  new ArrayList<>(latest.values()))));
    }
  }

  /**
   * Per service, in the global window: keeps each open window's latest fine rows ({@link
   * WindowClusters}) and the service's learned groups; groups a window again only when a firing of
   * it brought news, and emits only the group rows that changed.
   */
  static final class LearnAndRollUpFn
      extends DoFn<KV<String, ServicePane>, KV<ClusterRow, CascadeEvidence>> {
    private static final long serialVersionUID = 1L;

    private final PriorityClassifier classifier;
    private final boolean learning;
    private final Counter groupsLearned =
        GardenerCounters.counter(GardenerCounters.SIGNATURE_GROUPS_LEARNED);
    private final Counter templatesGrouped =
        GardenerCounters.counter(GardenerCounters.SIGNATURES_GROUPED);
    private final Distribution rowsRead =
        GardenerCounters.distribution(GardenerCounters.POST_AGGREGATION_ROWS_READ_PER_FIRING);

    /** How long a closed window's state is kept at least (at most twice that). */
    static final Duration FORGET_DELAY = Duration.standardMinutes(10);

    @StateId("learned")
    private final StateSpec<ValueState<LearnedGroups>> learnedSpec =
        StateSpecs.value(LearnedGroupsCoder.of());

    @StateId("windows")
    private final StateSpec<MapState<Long, WindowClusters>> windowsSpec =
        StateSpecs.map(VarLongCoder.of(), WindowClusters.Coder.of());

    @StateId("settled")
    private final StateSpec<BagState<KV<Long, ServicePane>>> settledSpec =
        StateSpecs.bag(KvCoder.of(VarLongCoder.of(), ServicePaneCoder.of()));

    @StateId("flushAt")
    private final StateSpec<ValueState<Long>> flushAtSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @StateId("open")
    private final StateSpec<ValueState<List<Long>>> openSpec = ClosingPaneHold.openSpec();

    @StateId("renewals")
    private final StateSpec<ValueState<Integer>> renewalsSpec = ClosingPaneHold.renewalsSpec();

    @TimerId("hold")
    private final TimerSpec holdSpec = ClosingPaneHold.holdSpec();

    /** Closed windows to forget at the next turn of {@code forget}, and at the turn after it. */
    @StateId("closing")
    private final StateSpec<ValueState<List<Long>>> closingSpec =
        StateSpecs.value(ListCoder.of(VarLongCoder.of()));

    @StateId("aging")
    private final StateSpec<ValueState<List<Long>>> agingSpec =
        StateSpecs.value(ListCoder.of(VarLongCoder.of()));

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    private final Duration lateness;

    private final PCollectionView<Map<String, Iterable<String>>> seed;

    LearnAndRollUpFn(
        PriorityPolicy policy,
        boolean learning,
        PCollectionView<Map<String, Iterable<String>>> seed,
        Duration lateness) {
      this.classifier = new PriorityClassifier(policy);
      this.learning = learning;
      this.seed = seed;
      this.lateness = lateness;
    }

    @ProcessElement
    public void process(
        @Element KV<String, ServicePane> element,
        @Timestamp Instant timestamp,
        @StateId("learned") ValueState<LearnedGroups> learnedState,
        @StateId("windows") MapState<Long, WindowClusters> windows,
        @StateId("settled") BagState<KV<Long, ServicePane>> settled,
        @StateId("flushAt") ValueState<Long> flushAt,
        @TimerId("flush") Timer flush,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        OutputReceiver<KV<ClusterRow, CascadeEvidence>> out,
        ProcessContext context) {
      ServicePane pane = element.getValue();
      if (!pane.isFinal) {
        ClosingPaneHold.pane(open, renewals, hold, expiry(pane), false, timestamp);
      }
      if (seed != null && learnedState.read() == null) {
        Iterable<String> patterns = context.sideInput(seed).get(element.getKey());
        if (patterns != null) {
          List<String> list = new ArrayList<>();
          patterns.forEach(list::add);
          learnedState.write(LearnedGroups.of(list));
        }
      }
      if (pane.paneTiming == PaneTiming.EARLY) {
        // Grouped at once (only streams have early panes) with what it would learn, not stored.
        group(pane, false, timestamp, learnedState, windows, out);
        return;
      }
      // Learned from in event-time order: released when the watermark passes the pane's time.
      EventTimeOrder.hold(settled, flushAt, flush, timestamp, pane);
    }

    /** On-time and late firings the watermark passed, in event-time order. */
    @OnTimer("flush")
    public void onFlush(
        @Timestamp Instant firedAt,
        @StateId("learned") ValueState<LearnedGroups> learnedState,
        @StateId("windows") MapState<Long, WindowClusters> windows,
        @StateId("settled") BagState<KV<Long, ServicePane>> settled,
        @StateId("flushAt") ValueState<Long> flushAt,
        @TimerId("flush") Timer flush,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        @StateId("closing") ValueState<List<Long>> closing,
        @StateId("aging") ValueState<List<Long>> aging,
        @TimerId("forget") Timer forget,
        OutputReceiver<KV<ClusterRow, CascadeEvidence>> out) {
      for (ServicePane pane :
          EventTimeOrder.releaseDue(settled, flushAt, flush, firedAt, ServicePane.ORDER)) {
        if (group(pane, true, firedAt, learnedState, windows, out)) {
          forgetLater(pane.windowStart.toEpochMilli(), closing, aging, forget);
        }
        if (pane.isFinal) {
          ClosingPaneHold.pane(open, renewals, hold, expiry(pane), true, firedAt);
        }
      }
    }

    /**
     * Offers a firing's changed fine rows to its window's state and, if that was news, groups the
     * window and emits the group rows that changed. Settled firings ({@code persist}) change the
     * learned groups; early ones are grouped with what they would learn, not stored. True when this
     * firing closed the window.
     */
    private boolean group(
        ServicePane firing,
        boolean persist,
        Instant now,
        ValueState<LearnedGroups> learnedState,
        MapState<Long, WindowClusters> windows,
        OutputReceiver<KV<ClusterRow, CascadeEvidence>> out) {
      long start = firing.windowStart.toEpochMilli();
      WindowClusters w = windows.get(start).read();
      if (w == null) {
        w = WindowClusters.of(firing.windowStart, firing.windowEnd);
      }
      boolean closedNow = firing.isFinal && !w.isClosed();
      boolean news = false;
      for (ClusterStats s : firing.members) {
        news |=
            w.offer(
                new FineCluster(
                    firing.windowStart,
                    firing.windowEnd,
                    firing.paneIndex,
                    firing.paneTiming,
                    firing.isFinal,
                    s));
      }
      if (firing.isFinal) {
        news |= w.close();
      }
      // A settled firing is grouped whatever it holds: it is the first after the early panes, or
      // a late or closing one (few per window), and its rows say so.
      news |= firing.paneTiming != PaneTiming.EARLY;
      rowsRead.update(firing.members.size() + w.size());
      if (!news) {
        return false;
      }
      ServicePane pane = w.pane(firing.service, firing.paneTiming);
      LearnedGroups groups = learnedState.read();
      if (groups == null) {
        groups = LearnedGroups.empty();
      }
      // Learn before rolling up, so the pane that shows a pattern is already grouped by it.
      LearnedGroups next =
          learning ? SignatureGrouper.learn(GroupRollup.weights(pane), groups) : groups;
      if (persist && next != groups) {
        groupsLearned.inc(newPatterns(groups, next));
        learnedState.write(next);
      }
      // At the window's end, or later while a closing pane (stamped at its window's expiry) is
      // being processed: BackIntoWindows puts it back.
      Instant end = new Instant(pane.windowEnd.toEpochMilli() - 1);
      Instant at = end.isBefore(now) ? now : end;
      for (GroupRollup.Rolled r :
          w.changed(GroupRollup.rows(pane, next, classifier, java.time.Instant.now()))) {
        if (r.members > 1) {
          templatesGrouped.inc(r.members);
        }
        out.outputWithTimestamp(KV.of(r.row, r.evidence), at);
      }
      windows.put(start, w);
      return closedNow;
    }

    /**
     * A closed window's state is kept for one to two turns of a processing-time delay, not dropped
     * with its closing pane: a firing of the window can still come after it (a job restored from a
     * savepoint fired a window's closing pane, then the pane with the entries it read after the
     * restore), and without the state that firing would start the window over, at {@code
     * pane_index} 0 with only its own clusters, and the steps after would drop its rows as older
     * than the ones they kept. Forgotten at the second turn after it closed, so at least {@code
     * FORGET_DELAY} later.
     */
    private static void forgetLater(
        long start, ValueState<List<Long>> closing, ValueState<List<Long>> aging, Timer forget) {
      List<Long> next =
          closing.read() == null ? new ArrayList<>() : new ArrayList<>(closing.read());
      if (next.isEmpty() && (aging.read() == null || aging.read().isEmpty())) {
        forget.withNoOutputTimestamp().offset(FORGET_DELAY).setRelative();
      }
      next.add(start);
      closing.write(next);
    }

    @OnTimer("forget")
    public void onForget(
        @StateId("windows") MapState<Long, WindowClusters> windows,
        @StateId("closing") ValueState<List<Long>> closing,
        @StateId("aging") ValueState<List<Long>> aging,
        @TimerId("forget") Timer forget) {
      List<Long> old = aging.read();
      if (old != null) {
        old.forEach(windows::remove);
      }
      List<Long> next = closing.read();
      closing.clear();
      if (next == null || next.isEmpty()) {
        aging.clear();
        return;
      }
      aging.write(next);
      forget.withNoOutputTimestamp().offset(FORGET_DELAY).setRelative();
    }

    @OnTimer("hold")
    public void onHold(
        @Timestamp Instant firedAt,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold) {
      ClosingPaneHold.fired(open, renewals, hold, firedAt);
    }

    /** When the pane's window is past its allowed lateness: its closing pane fires then. */
    private Instant expiry(ServicePane pane) {
      return new Instant(pane.windowEnd.toEpochMilli() - 1).plus(lateness);
    }

    private static long newPatterns(LearnedGroups before, LearnedGroups after) {
      java.util.Set<String> old = new java.util.HashSet<>(before.patterns());
      long n = 0;
      for (String p : after.patterns()) {
        if (!old.contains(p)) {
          n++;
        }
      }
      return n;
    }
  }
}
