package dev.loggardener.cascade;

import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.CascadeEvidenceCoder;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * Keeps the {@code k} biggest clusters of a window across services (the latest row of each, with
 * its evidence) and the names of the services seen, so cascade linking across services looks at a
 * bounded set: partial accumulators of at most {@code 2k} clusters are combined before the shuffle,
 * and no worker holds every cluster of the window. Which clusters are kept is what {@link
 * CascadeDetector} analyses above its cap: count, then its canonical order, so the result is the
 * one a single worker holding everything would get.
 *
 * <p>A cluster in the true top {@code k} is never dropped by a partial accumulator: at most {@code
 * k - 1} clusters rank above it anywhere, and a later row of a cluster (panes accumulate) never
 * counts less than an earlier one.
 */
public final class TopClustersFn
    extends Combine.CombineFn<
        KV<ClusterRow, CascadeEvidence>, TopClustersFn.Top, TopClustersFn.Top> {
  private static final long serialVersionUID = 1L;

  /** Services whose names an accumulator keeps (each gets a marker of every analysis). */
  public static final int MAX_SERVICES = 10_000;

  /** Biggest first: count, then the detector's canonical order (first seen, service, cluster). */
  static final Comparator<KV<ClusterRow, CascadeEvidence>> BIGGEST_FIRST =
      Comparator.<KV<ClusterRow, CascadeEvidence>>comparingLong(kv -> -kv.getKey().count())
          .thenComparing(
              kv -> kv.getKey().firstSeen() == null ? Instant.MAX : kv.getKey().firstSeen())
          .thenComparing(kv -> kv.getKey().service())
          .thenComparing(kv -> kv.getKey().clusterId());

  private final int k;

  public TopClustersFn(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    this.k = k;
  }

  /** The accumulator and output: latest row per cluster key, and service names. */
  public static final class Top {
    final Map<String, KV<ClusterRow, CascadeEvidence>> clusters = new TreeMap<>();
    final TreeSet<String> services = new TreeSet<>();

    void add(KV<ClusterRow, CascadeEvidence> kv) {
      ClusterRow r = kv.getKey();
      clusters.merge(r.service() + '\u0000' + r.clusterId(), kv, (a, b) -> newer(b, a) ? b : a);
      if (services.size() < MAX_SERVICES) {
        services.add(r.service());
      }
    }

    /** The clusters, biggest first. */
    public List<KV<ClusterRow, CascadeEvidence>> biggestFirst() {
      List<KV<ClusterRow, CascadeEvidence>> all = new ArrayList<>(clusters.values());
      all.sort(BIGGEST_FIRST);
      return all;
    }

    void trim(int max) {
      if (clusters.size() <= max) {
        return;
      }
      List<KV<ClusterRow, CascadeEvidence>> keep = biggestFirst().subList(0, max);
      clusters.clear();
      for (KV<ClusterRow, CascadeEvidence> kv : keep) {
        clusters.put(kv.getKey().service() + '\u0000' + kv.getKey().clusterId(), kv);
      }
    }

    private static boolean newer(
        KV<ClusterRow, CascadeEvidence> b, KV<ClusterRow, CascadeEvidence> a) {
      ClusterRow x = b.getKey();
      ClusterRow y = a.getKey();
      return x.paneIndex() > y.paneIndex()
          || (x.paneIndex() == y.paneIndex() && x.count() > y.count());
    }
  }

  @Override
  public Top createAccumulator() {
    return new Top();
  }

  @Override
  public Top addInput(Top acc, KV<ClusterRow, CascadeEvidence> input) {
    if (input.getKey().isTombstone()) {
      return acc; // no entries of its own: the cluster that absorbed them is analysed instead
    }
    acc.add(input);
    // Trim in steps, not per element: sorting is the cost, and 2k is still a bound.
    if (acc.clusters.size() > 2 * k) {
      acc.trim(k);
    }
    return acc;
  }

  @Override
  public Top mergeAccumulators(Iterable<Top> accs) {
    Top merged = new Top();
    for (Top a : accs) {
      a.clusters.values().forEach(merged::add);
      for (String s : a.services) {
        if (merged.services.size() < MAX_SERVICES) {
          merged.services.add(s);
        }
      }
    }
    merged.trim(k);
    return merged;
  }

  @Override
  public Top extractOutput(Top acc) {
    acc.trim(k);
    return acc;
  }

  @Override
  public Coder<Top> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<ClusterRow, CascadeEvidence>> in)
      throws CannotProvideCoderException {
    return TopCoder.of();
  }

  @Override
  public Coder<Top> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<ClusterRow, CascadeEvidence>> in)
      throws CannotProvideCoderException {
    return TopCoder.of();
  }

  /** The clusters (key order) and the services, as lists. */
  public static final class TopCoder extends CustomCoder<Top> {
    private static final long serialVersionUID = 1L;
    private static final TopCoder INSTANCE = new TopCoder();
    private static final ListCoder<KV<ClusterRow, CascadeEvidence>> CLUSTERS =
        ListCoder.of(KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of()));
    private static final ListCoder<String> SERVICES = ListCoder.of(StringUtf8Coder.of());

    public static TopCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Top top, OutputStream out) throws IOException {
      CLUSTERS.encode(new ArrayList<>(top.clusters.values()), out);
      SERVICES.encode(new ArrayList<>(top.services), out);
    }

    @Override
    public Top decode(InputStream in) throws IOException {
      Top top = new Top();
      CLUSTERS.decode(in).forEach(top::add);
      top.services.addAll(SERVICES.decode(in));
      return top;
    }
  }
}
