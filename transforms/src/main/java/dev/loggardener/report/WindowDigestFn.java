package dev.loggardener.report;

import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Reduces the report inputs of one (service, window) to a {@link WindowDigest}: the top {@code
 * maxClusters} rows, the cascade rows and exact totals. The accumulator is bounded by its caps, so
 * combiner lifting shuffles small partial digests instead of every row, and no worker holds a
 * window's rows in one iterable. Merging is commutative and associative (sums, maxima and
 * order-defined top sets), as runners that merge partial accumulators in any order require.
 */
public final class WindowDigestFn
    extends Combine.CombineFn<ReportInput, WindowDigest, WindowDigest> {
  private static final long serialVersionUID = 1L;

  private final int maxClusters;

  public WindowDigestFn(int maxClusters) {
    if (maxClusters < 1) {
      throw new IllegalArgumentException("maxClusters must be at least 1: " + maxClusters);
    }
    this.maxClusters = maxClusters;
  }

  @Override
  public WindowDigest createAccumulator() {
    return new WindowDigest(maxClusters);
  }

  @Override
  public WindowDigest addInput(WindowDigest acc, ReportInput input) {
    acc.add(input);
    return acc;
  }

  @Override
  public WindowDigest mergeAccumulators(Iterable<WindowDigest> accumulators) {
    WindowDigest merged = createAccumulator();
    for (WindowDigest a : accumulators) {
      merged.merge(a);
    }
    return merged;
  }

  @Override
  public WindowDigest extractOutput(WindowDigest acc) {
    return acc;
  }

  @Override
  public Coder<WindowDigest> getAccumulatorCoder(
      CoderRegistry registry, Coder<ReportInput> inputCoder) throws CannotProvideCoderException {
    return WindowDigestCoder.of();
  }

  @Override
  public Coder<WindowDigest> getDefaultOutputCoder(
      CoderRegistry registry, Coder<ReportInput> inputCoder) throws CannotProvideCoderException {
    return WindowDigestCoder.of();
  }
}
