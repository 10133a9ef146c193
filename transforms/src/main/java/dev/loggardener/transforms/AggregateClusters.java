package dev.loggardener.transforms;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.ClusterStatsCoder;
import dev.loggardener.cluster.ClusterStatsFn;
import dev.loggardener.cluster.SignedEntry;
import dev.loggardener.cluster.SignedEntryCoder;
import dev.loggardener.priority.Priority;
import dev.loggardener.priority.PriorityClassifier;
import java.time.Instant;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import dev.loggardener.cluster.ClusterStatsByKeyFn;
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
 * Bounded input (an export) is keyed by a fixed number of buckets of clusters instead, with
 * {@link ClusterStatsByKeyFn}: the rows are identical, but a runner pays its per-key cost (a
 * timer and a bundle each, on the DirectRunner) per bucket rather than per signature, which keeps
 * a local run over an export with thousands of signatures fast.
 */
public final class AggregateClusters
    extends PTransform<PCollection<SignedEntry>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  /** Buckets of clusters for bounded input. */
  public static final int DEFAULT_BOUNDED_BUCKETS = 32;

  private final int hotKeyFanout;
  private final int boundedBuckets;

  private AggregateClusters(int hotKeyFanout, int boundedBuckets) {
    this.hotKeyFanout = hotKeyFanout;
    this.boundedBuckets = boundedBuckets;
  }

  public static AggregateClusters create() {
    return new AggregateClusters(0, DEFAULT_BOUNDED_BUCKETS);
  }

  /** Fan each key out over {@code fanout} intermediate keys; 0 or 1 disables it. */
  public AggregateClusters withHotKeyFanout(int fanout) {
    return new AggregateClusters(fanout, boundedBuckets);
  }

  /** Buckets used for bounded input; 0 keys bounded input by cluster too. */
  public AggregateClusters withBoundedBuckets(int buckets) {
    return new AggregateClusters(hotKeyFanout, buckets);
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<SignedEntry> entries) {
    if (entries.isBounded() == PCollection.IsBounded.BOUNDED && boundedBuckets > 0) {
      return expandBucketed(entries);
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
    return stats.apply("ToClusterRow", ParDo.of(new ToRowFn())).setCoder(ClusterRowCoder.of());
  }

  private PCollection<ClusterRow> expandBucketed(PCollection<SignedEntry> entries) {
    return entries
        .apply("KeyByClusterBucket", ParDo.of(new KeyByBucketFn(boundedBuckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), SignedEntryCoder.of()))
        .apply("CombineClusterStatsPerBucket", Combine.perKey(new ClusterStatsByKeyFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE))
        .apply("ToClusterRows", ParDo.of(new BucketToRowsFn()))
        .setCoder(ClusterRowCoder.of());
  }

  /** Builds the row of one pane; pure apart from {@code emittedAt}. */
  public static ClusterRow toRow(
      ClusterStats s,
      IntervalWindow window,
      PaneInfo pane,
      PriorityClassifier classifier,
      Instant emittedAt) {
    SignedEntry sample = s.sample();
    Priority priority =
        classifier.classify(s.maxSeverity(), sample.signature, sample.sampleMessage);
    return ClusterRow.builder()
        .windowStart(Instant.ofEpochMilli(window.start().getMillis()))
        .windowEnd(Instant.ofEpochMilli(window.end().getMillis()))
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
        .paneIndex(pane.getIndex())
        .paneTiming(PaneTiming.of(pane))
        .isFinal(pane.isLast())
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

  static final class BucketToRowsFn
      extends DoFn<KV<Integer, java.util.Map<String, ClusterStats>>, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final PriorityClassifier classifier = new PriorityClassifier();
    private final Counter rows = GardenerCounters.counter(GardenerCounters.CLUSTER_ROWS);

    @ProcessElement
    public void process(
        @Element KV<Integer, java.util.Map<String, ClusterStats>> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<ClusterRow> out) {
      Instant now = Instant.now();
      for (ClusterStats s : new java.util.TreeMap<>(element.getValue()).values()) {
        if (s.count() > 0 && s.sample() != null) {
          rows.inc();
          out.output(toRow(s, (IntervalWindow) window, pane, classifier, now));
        }
      }
    }
  }

  static final class ToRowFn extends DoFn<KV<String, ClusterStats>, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final PriorityClassifier classifier = new PriorityClassifier();
    private final Counter rows = GardenerCounters.counter(GardenerCounters.CLUSTER_ROWS);

    @ProcessElement
    public void process(
        @Element KV<String, ClusterStats> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<ClusterRow> out) {
      ClusterStats s = element.getValue();
      if (s.count() == 0 || s.sample() == null) {
        return;
      }
      rows.inc();
      out.output(toRow(s, (IntervalWindow) window, pane, classifier, Instant.now()));
    }
  }
}
