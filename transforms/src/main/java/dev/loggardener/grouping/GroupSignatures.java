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
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.BagState;
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
 * <p>Steps: gather each (service, window)'s latest fine clusters per firing ({@link GatherPanes}
 * plus a {@code GroupByKey}: panes accumulate, so a firing holds every cluster so far); move those
 * {@link ServicePane}s into the global window keyed by service, where a stateful DoFn keeps the
 * service's {@link LearnedGroups}; release them in event-time order with a timer, as {@code
 * TrackSignatureHistory} does, learn from each with {@link SignatureGrouper#learn} and roll it up
 * with {@link GroupRollup}; put the rows back into the windowing they came with. The stateful step
 * holds its output watermark until each window's closing pane has left it ({@link
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

  private final PriorityPolicy policy;
  private final boolean learning;
  private final transient PCollection<ClusterRow> seed;

  private GroupSignatures(PriorityPolicy policy, boolean learning, PCollection<ClusterRow> seed) {
    this.policy = policy;
    this.learning = learning;
    this.seed = seed;
  }

  /** Grouping whose rows get a provisional priority from {@code policy}, as aggregation's do. */
  public static GroupSignatures with(PriorityPolicy policy) {
    return new GroupSignatures(policy, true, null);
  }

  /**
   * Starts each service's learned groups from {@code seed}: rows an earlier run wrote (the same
   * rows that seed the history), whose {@code group_template} with {@code <*>} is a learned
   * pattern. Without it a relaunch forgets every group, and their members come back as fine
   * clusters, each NEW with an issue of its own. Read as a side input when a service's first pane
   * arrives; a service whose groups are already in state (an updated job) keeps its state.
   */
  public GroupSignatures seededWith(PCollection<ClusterRow> seed) {
    return new GroupSignatures(policy, learning, seed);
  }

  /**
   * With {@code false}, nothing is learned and every signature is a group of one: the rows are the
   * aggregation's with {@code group_id = signature_id}. The steps stay the same, so a running job
   * can be updated from one setting to the other.
   */
  public GroupSignatures learning(boolean learn) {
    return new GroupSignatures(policy, learn, seed);
  }

  @Override
  public PCollection<KV<ClusterRow, CascadeEvidence>> expand(
      PCollection<KV<ClusterRow, ClusterStats>> clusters) {
    PCollection<KV<String, ServicePane>> panes =
        clusters
            .apply("GatherPanes", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY))
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

  /** A firing of one (service, window): the latest stats of each fine cluster, window and pane. */
  static final class ToServicePaneFn
      extends DoFn<KV<String, Iterable<ClusterStats>>, KV<String, ServicePane>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<ClusterStats>> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<KV<String, ServicePane>> out) {
      // Panes accumulate upstream, so a firing can hold several versions of a cluster; a later
      // one holds every entry of an earlier one, so the one with the highest count is the latest.
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
   * Per service, in the global window: buffers panes, and when the watermark passes a pane's time
   * (its window's end) learns from every due pane in event-time order and emits its group rows.
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

    @StateId("learned")
    private final StateSpec<ValueState<LearnedGroups>> learnedSpec =
        StateSpecs.value(LearnedGroupsCoder.of());

    @StateId("pending")
    private final StateSpec<BagState<KV<Long, ServicePane>>> pendingSpec =
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
        @StateId("pending") BagState<KV<Long, ServicePane>> pending,
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
          java.util.List<String> list = new ArrayList<>();
          patterns.forEach(list::add);
          learnedState.write(LearnedGroups.of(list));
        }
      }
      if (pane.paneTiming == PaneTiming.EARLY) {
        // Released at once (only streams have early panes); learned from, but not persisted.
        LearnedGroups groups = learnedState.read();
        if (groups == null) {
          groups = LearnedGroups.empty();
        }
        LearnedGroups provisional =
            learning ? SignatureGrouper.learn(GroupRollup.weights(pane), groups) : groups;
        for (GroupRollup.Rolled r :
            GroupRollup.rows(pane, provisional, classifier, java.time.Instant.now())) {
          out.output(KV.of(r.row, r.evidence));
        }
        return;
      }
      EventTimeOrder.hold(pending, flushAt, flush, timestamp, pane);
    }

    @OnTimer("flush")
    public void onFlush(
        @Timestamp Instant firedAt,
        @StateId("learned") ValueState<LearnedGroups> learnedState,
        @StateId("pending") BagState<KV<Long, ServicePane>> pending,
        @StateId("flushAt") ValueState<Long> flushAt,
        @TimerId("flush") Timer flush,
        @StateId("open") ValueState<List<Long>> open,
        @StateId("renewals") ValueState<Integer> renewals,
        @TimerId("hold") Timer hold,
        OutputReceiver<KV<ClusterRow, CascadeEvidence>> out) {
      List<ServicePane> due =
          EventTimeOrder.releaseDue(pending, flushAt, flush, firedAt, ServicePane.ORDER);
      LearnedGroups groups = learnedState.read();
      if (groups == null) {
        groups = LearnedGroups.empty();
      }
      java.time.Instant now = java.time.Instant.now();
      for (ServicePane pane : due) {
        // Learn before rolling up, so the pane that shows a pattern is already grouped by it.
        LearnedGroups next =
            learning ? SignatureGrouper.learn(GroupRollup.weights(pane), groups) : groups;
        if (next != groups) {
          groupsLearned.inc(newPatterns(groups, next));
          groups = next;
        }
        for (GroupRollup.Rolled r : GroupRollup.rows(pane, groups, classifier, now)) {
          if (r.members > 1) {
            templatesGrouped.inc(r.members);
          }
          out.output(KV.of(r.row, r.evidence));
        }
        if (pane.isFinal) {
          ClosingPaneHold.pane(open, renewals, hold, expiry(pane), true, firedAt);
        }
      }
      learnedState.write(groups);
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
