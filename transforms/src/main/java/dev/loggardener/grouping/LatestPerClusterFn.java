package dev.loggardener.grouping;

import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.ClusterStatsByKeyFn;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * The latest stats of each fine cluster of a (service, window): the one with the highest count
 * (aggregation's panes accumulate, so a later row of a cluster holds every entry of an earlier
 * one). As a combine in accumulating mode its state is this map, one entry per cluster, however
 * often the window fires; a {@code GroupByKey} in accumulating mode would keep, and re-read at
 * every firing, every row each earlier firing delivered.
 */
final class LatestPerClusterFn
    extends Combine.CombineFn<ClusterStats, Map<String, ClusterStats>, Map<String, ClusterStats>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, ClusterStats> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, ClusterStats> addInput(Map<String, ClusterStats> acc, ClusterStats s) {
    acc.merge(s.sample().signatureId, s, LatestPerClusterFn::later);
    return acc;
  }

  @Override
  public Map<String, ClusterStats> mergeAccumulators(Iterable<Map<String, ClusterStats>> accs) {
    Map<String, ClusterStats> merged = new HashMap<>();
    for (Map<String, ClusterStats> a : accs) {
      a.forEach((k, v) -> merged.merge(k, v, LatestPerClusterFn::later));
    }
    return merged;
  }

  @Override
  public Map<String, ClusterStats> extractOutput(Map<String, ClusterStats> acc) {
    return acc;
  }

  @Override
  public Coder<Map<String, ClusterStats>> getAccumulatorCoder(
      CoderRegistry registry, Coder<ClusterStats> in) {
    return ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE;
  }

  @Override
  public Coder<Map<String, ClusterStats>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<ClusterStats> in) {
    return ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE;
  }

  /** The later of two rows of one cluster; ties keep the first, so the result is order-free. */
  private static ClusterStats later(ClusterStats a, ClusterStats b) {
    return b.count() > a.count() ? b : a;
  }
}
