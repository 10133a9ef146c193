package dev.loggardener.cluster;

import dev.loggardener.signature.SignedEntry;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Aggregates the signed entries of one cluster into {@link ClusterStats}. Free of side inputs on
 * purpose so that {@code withHotKeyFanout} can be used for signatures that carry most traffic.
 */
public final class ClusterStatsFn extends CombineFn<SignedEntry, ClusterStats, ClusterStats> {
  private static final long serialVersionUID = 1L;

  @Override
  public ClusterStats createAccumulator() {
    return new ClusterStats();
  }

  @Override
  public ClusterStats addInput(ClusterStats acc, SignedEntry input) {
    return acc.add(input);
  }

  @Override
  public ClusterStats mergeAccumulators(Iterable<ClusterStats> accumulators) {
    ClusterStats merged = null;
    for (ClusterStats a : accumulators) {
      if (merged == null) {
        merged = a;
      } else {
        merged.merge(a);
      }
    }
    return merged == null ? new ClusterStats() : merged;
  }

  @Override
  public ClusterStats extractOutput(ClusterStats acc) {
    return acc;
  }

  @Override
  public Coder<ClusterStats> getAccumulatorCoder(
      CoderRegistry registry, Coder<SignedEntry> inputCoder) throws CannotProvideCoderException {
    return ClusterStatsCoder.of();
  }

  @Override
  public Coder<ClusterStats> getDefaultOutputCoder(
      CoderRegistry registry, Coder<SignedEntry> inputCoder) throws CannotProvideCoderException {
    return ClusterStatsCoder.of();
  }
}
