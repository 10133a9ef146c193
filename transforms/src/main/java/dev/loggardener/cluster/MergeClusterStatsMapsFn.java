package dev.loggardener.cluster;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Merges partial maps from cluster key to {@link ClusterStats} (one per bundle, window and bucket
 * of clusters, built before the shuffle) into one map per bucket. The stats merge in any order to
 * the same result, which is what lets them be built per bundle in the first place. Inputs are
 * never changed: a cluster first seen in an input is copied into the accumulator.
 */
public final class MergeClusterStatsMapsFn
    extends CombineFn<
        Map<String, ClusterStats>, Map<String, ClusterStats>, Map<String, ClusterStats>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, ClusterStats> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, ClusterStats> addInput(
      Map<String, ClusterStats> acc, Map<String, ClusterStats> input) {
    for (Map.Entry<String, ClusterStats> e : input.entrySet()) {
      acc.computeIfAbsent(e.getKey(), k -> new ClusterStats()).merge(e.getValue());
    }
    return acc;
  }

  @Override
  public Map<String, ClusterStats> mergeAccumulators(Iterable<Map<String, ClusterStats>> accs) {
    Map<String, ClusterStats> merged = null;
    for (Map<String, ClusterStats> a : accs) {
      if (merged == null) {
        merged = a;
      } else {
        for (Map.Entry<String, ClusterStats> e : a.entrySet()) {
          ClusterStats existing = merged.get(e.getKey());
          if (existing == null) {
            merged.put(e.getKey(), e.getValue());
          } else {
            existing.merge(e.getValue());
          }
        }
      }
    }
    return merged == null ? new HashMap<>() : merged;
  }

  @Override
  public Map<String, ClusterStats> extractOutput(Map<String, ClusterStats> acc) {
    return acc;
  }

  @Override
  public Coder<Map<String, ClusterStats>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Map<String, ClusterStats>> inputCoder) {
    return ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE;
  }

  @Override
  public Coder<Map<String, ClusterStats>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<Map<String, ClusterStats>> inputCoder) {
    return ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE;
  }
}
