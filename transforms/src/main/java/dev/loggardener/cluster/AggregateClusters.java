package dev.loggardener.cluster;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.priority.ClusterFacts;
import dev.loggardener.priority.Priority;
import dev.loggardener.priority.PriorityClassifier;
import dev.loggardener.priority.PriorityPolicy;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import java.time.Instant;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Aggregates windowed signed entries per cluster (service, signature id) with {@link
 * ClusterStatsFn} and turns each fired pane into a {@link ClusterRow} carrying its window, pane
 * index and timing, and a priority. An optional hot-key fanout spreads a signature that carries
 * most of the traffic over several workers before the final merge.
 *
 * <p>Streaming input is keyed by cluster, so no key's state grows with the number of signatures.
 * Bounded input (an export) is keyed by a fixed number of buckets of clusters instead, with {@link
 * ClusterStatsByKeyFn}: the rows are identical, but a runner pays its per-key cost (a timer and a
 * bundle each, on the DirectRunner) per bucket rather than per signature, which keeps a local run
 * over an export with thousands of signatures fast.
 */
public final class AggregateClusters
    extends PTransform<PCollection<SignedEntry>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  /** Buckets of clusters for bounded input. */
  public static final int DEFAULT_BOUNDED_BUCKETS = 32;

  private final int hotKeyFanout;
  private final int boundedBuckets;
  private final PriorityPolicy policy;

  private AggregateClusters(int hotKeyFanout, int boundedBuckets, PriorityPolicy policy) {
    this.hotKeyFanout = hotKeyFanout;
    this.boundedBuckets = boundedBuckets;
    this.policy = policy;
  }

  /** Aggregation with the bundled priority policy. */
  public static AggregateClusters create() {
    return new AggregateClusters(0, DEFAULT_BOUNDED_BUCKETS, PriorityPolicy.bundled());
  }

  /** Fan each key out over {@code fanout} intermediate keys; 0 or 1 disables it. */
  public AggregateClusters withHotKeyFanout(int fanout) {
    return new AggregateClusters(fanout, boundedBuckets, policy);
  }

  /** Buckets used for bounded input; 0 keys bounded input by cluster too. */
  public AggregateClusters withBoundedBuckets(int buckets) {
    return new AggregateClusters(hotKeyFanout, buckets, policy);
  }

  /** Prioritize rows with this policy instead of the bundled one. */
  public AggregateClusters withPriorityPolicy(PriorityPolicy priorityPolicy) {
    return new AggregateClusters(hotKeyFanout, boundedBuckets, priorityPolicy);
  }

  /**
   * The same aggregation, emitting each row with its cluster's cascade evidence for {@code
   * dev.loggardener.cascade.LinkCascades}. Step names inside are those of this transform.
   */
  public PTransform<PCollection<SignedEntry>, PCollection<KV<ClusterRow, CascadeEvidence>>>
      withCascadeEvidence() {
    AggregateClusters self = this;
    return new PTransform<
        PCollection<SignedEntry>, PCollection<KV<ClusterRow, CascadeEvidence>>>() {
      private static final long serialVersionUID = 1L;

      @Override
      public PCollection<KV<ClusterRow, CascadeEvidence>> expand(PCollection<SignedEntry> entries) {
        return self.aggregate(
            entries,
            (row, stats) -> KV.of(row, stats.cascadeEvidence()),
            KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of()));
      }
    };
  }

  /**
   * The same aggregation, emitting each row with its cluster's whole {@link ClusterStats}, for a
   * stage that merges clusters exactly ({@link GroupSignatures}: the stats are mergeable, a row is
   * not). Step names inside are those of this transform.
   */
  public PTransform<PCollection<SignedEntry>, PCollection<KV<ClusterRow, ClusterStats>>>
      withStats() {
    AggregateClusters self = this;
    return new PTransform<PCollection<SignedEntry>, PCollection<KV<ClusterRow, ClusterStats>>>() {
      private static final long serialVersionUID = 1L;

      @Override
      public PCollection<KV<ClusterRow, ClusterStats>> expand(PCollection<SignedEntry> entries) {
        return self.aggregate(
            entries, KV::of, KvCoder.of(ClusterRowCoder.of(), ClusterStatsCoder.of()));
      }
    };
  }

  /** What a fired pane of one cluster becomes: the row, or the row with more of its stats. */
  interface Emit<T> extends java.io.Serializable {
    T of(ClusterRow row, ClusterStats stats);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<SignedEntry> entries) {
    return aggregate(entries, (row, stats) -> row, ClusterRowCoder.of());
  }

  private <T> PCollection<T> aggregate(
      PCollection<SignedEntry> entries, Emit<T> emit, org.apache.beam.sdk.coders.Coder<T> coder) {
    if (entries.isBounded() == PCollection.IsBounded.BOUNDED && boundedBuckets > 0) {
      return expandBucketed(entries, emit, coder);
    }
    Combine.PerKey<String, SignedEntry, ClusterStats> combine =
        Combine.perKey(new ClusterStatsFn());
    PCollection<KV<String, SignedEntry>> keyed =
        entries
            .apply("KeyByCluster", ParDo.of(new KeyByClusterFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SignedEntryCoder.of()));
    PCollection<KV<String, ClusterStats>> stats =
        keyed
            .apply(
                "CombineClusterStats",
                hotKeyFanout > 1 ? combine.withHotKeyFanout(hotKeyFanout) : combine)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ClusterStatsCoder.of()));
    return stats.apply("ToClusterRow", ParDo.of(new ToRowFn<>(emit, policy))).setCoder(coder);
  }

  private <T> PCollection<T> expandBucketed(
      PCollection<SignedEntry> entries, Emit<T> emit, org.apache.beam.sdk.coders.Coder<T> coder) {
    return entries
        .apply("KeyByClusterBucket", ParDo.of(new KeyByBucketFn(boundedBuckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), SignedEntryCoder.of()))
        .apply("CombineClusterStatsPerBucket", Combine.perKey(new ClusterStatsByKeyFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE))
        .apply("ToClusterRows", ParDo.of(new BucketToRowsFn<>(emit, policy)))
        .setCoder(coder);
  }

  /** Builds the row of one pane; pure apart from {@code emittedAt}. */
  public static ClusterRow toRow(
      ClusterStats s,
      IntervalWindow window,
      PaneInfo pane,
      PriorityClassifier classifier,
      Instant emittedAt) {
    return toRow(
        s,
        Instant.ofEpochMilli(window.start().getMillis()),
        Instant.ofEpochMilli(window.end().getMillis()),
        pane.getIndex(),
        PaneTiming.of(pane),
        pane.isLast(),
        classifier,
        emittedAt);
  }

  /** The row of one pane, for a stage that carries the window and pane as values. */
  public static ClusterRow toRow(
      ClusterStats s,
      Instant windowStart,
      Instant windowEnd,
      long paneIndex,
      PaneTiming paneTiming,
      boolean isFinal,
      PriorityClassifier classifier,
      Instant emittedAt) {
    SignedEntry sample = s.sample();
    Priority priority =
        classifier.classify(
            ClusterFacts.of(
                s.maxSeverity(),
                sample.signature,
                sample.sampleMessage,
                sample.service,
                s.count(),
                ""));
    return ClusterRow.builder()
        .windowStart(windowStart)
        .windowEnd(windowEnd)
        .service(sample.service)
        .resourceType(sample.resourceType)
        .signatureId(sample.signatureId)
        .signature(sample.signature)
        .sigVersion(sample.sigVersion)
        .count(s.count())
        .severity(s.maxSeverity().name())
        .priority(priority.level())
        .priorityReason(priority.reason())
        .firstSeen(s.firstSeen())
        .lastSeen(s.lastSeen())
        .sampleMessage(sample.sampleMessage)
        .sampleInsertId(sample.insertId)
        .sampleTrace(sample.trace)
        .revisions(s.revisions())
        .logNames(s.logNames())
        .instanceCount(s.instanceCount())
        .paneIndex(paneIndex)
        .paneTiming(paneTiming)
        .isFinal(isFinal)
        .emittedAt(emittedAt)
        .build();
  }

  static final class KeyByClusterFn extends DoFn<SignedEntry, KV<String, SignedEntry>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element SignedEntry e, OutputReceiver<KV<String, SignedEntry>> out) {
      out.output(KV.of(e.clusterKey(), e));
    }
  }

  static final class KeyByBucketFn extends DoFn<SignedEntry, KV<Integer, SignedEntry>> {
    private static final long serialVersionUID = 1L;

    private final int buckets;

    KeyByBucketFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element SignedEntry e, OutputReceiver<KV<Integer, SignedEntry>> out) {
      out.output(KV.of(Math.floorMod(e.clusterKey().hashCode(), buckets), e));
    }
  }

  static final class BucketToRowsFn<T>
      extends DoFn<KV<Integer, java.util.Map<String, ClusterStats>>, T> {
    private static final long serialVersionUID = 1L;

    private final Emit<T> emit;
    private final PriorityClassifier classifier;

    BucketToRowsFn(Emit<T> emit, PriorityPolicy policy) {
      this.emit = emit;
      this.classifier = new PriorityClassifier(policy);
    }

    private final Counter rows = GardenerCounters.counter(GardenerCounters.SIGNATURE_ROWS);

    @ProcessElement
    public void process(
        @Element KV<Integer, java.util.Map<String, ClusterStats>> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<T> out) {
      Instant now = Instant.now();
      for (ClusterStats s : new java.util.TreeMap<>(element.getValue()).values()) {
        if (s.count() > 0 && s.sample() != null) {
          rows.inc();
          out.output(emit.of(toRow(s, (IntervalWindow) window, pane, classifier, now), s));
        }
      }
    }
  }

  static final class ToRowFn<T> extends DoFn<KV<String, ClusterStats>, T> {
    private static final long serialVersionUID = 1L;

    private final Emit<T> emit;
    private final PriorityClassifier classifier;

    ToRowFn(Emit<T> emit, PriorityPolicy policy) {
      this.emit = emit;
      this.classifier = new PriorityClassifier(policy);
    }

    private final Counter rows = GardenerCounters.counter(GardenerCounters.SIGNATURE_ROWS);

    @ProcessElement
    public void process(
        @Element KV<String, ClusterStats> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<T> out) {
      ClusterStats s = element.getValue();
      if (s.count() == 0 || s.sample() == null) {
        return;
      }
      rows.inc();
      out.output(emit.of(toRow(s, (IntervalWindow) window, pane, classifier, Instant.now()), s));
    }
  }
}
