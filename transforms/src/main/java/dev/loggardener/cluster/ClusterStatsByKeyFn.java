package dev.loggardener.cluster;

import dev.loggardener.model.ArrayInput;
import dev.loggardener.model.ArrayOutput;
import dev.loggardener.signature.SignedEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Aggregates the entries of many clusters at once into a map from cluster key to {@link
 * ClusterStats}, for use under a small number of bucket keys. Each map value is as bounded as
 * {@link ClusterStatsFn}'s accumulator; the map holds one per cluster of the bucket. Used for
 * bounded input, where a key per cluster costs some runners (the DirectRunner above all) a timer
 * and a bundle per cluster; streaming keeps one key per cluster so no key's state grows with the
 * number of signatures.
 */
public final class ClusterStatsByKeyFn
    extends CombineFn<SignedEntry, Map<String, ClusterStats>, Map<String, ClusterStats>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Map<String, ClusterStats> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, ClusterStats> addInput(Map<String, ClusterStats> acc, SignedEntry input) {
    acc.computeIfAbsent(input.clusterKey(), k -> new ClusterStats()).add(input);
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
      CoderRegistry registry, Coder<SignedEntry> inputCoder) {
    return MapOfStatsCoder.INSTANCE;
  }

  @Override
  public Coder<Map<String, ClusterStats>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<SignedEntry> inputCoder) {
    return MapOfStatsCoder.INSTANCE;
  }

  /**
   * Deterministic: entries are written in key order. The whole map travels as one frame (its
   * length, then its bytes), written and read in bulk: a bucket's map holds hundreds of clusters of
   * small fields, and a runner's stream is dear per byte. Only bounded input uses this accumulator,
   * so no long-lived state holds the encoding.
   */
  public static final class MapOfStatsCoder extends AtomicCoder<Map<String, ClusterStats>> {
    public static final MapOfStatsCoder INSTANCE = new MapOfStatsCoder();

    @Override
    public void encode(Map<String, ClusterStats> value, OutputStream out) throws IOException {
      String[] keys = value.keySet().toArray(new String[0]);
      Arrays.sort(keys);
      ArrayOutput frame = new ArrayOutput(16 + 512 * keys.length);
      VarIntCoder.of().encode(keys.length, frame);
      for (String k : keys) {
        StringUtf8Coder.of().encode(k, frame);
        ClusterStatsCoder.of().encode(value.get(k), frame);
      }
      frame.writeFrameTo(out);
    }

    @Override
    public Map<String, ClusterStats> decode(InputStream in) throws IOException {
      ArrayInput frame = ArrayInput.readFrame(in);
      int n = VarIntCoder.of().decode(frame);
      Map<String, ClusterStats> m = new HashMap<>(Math.max(16, n * 2));
      for (int i = 0; i < n; i++) {
        m.put(StringUtf8Coder.of().decode(frame), ClusterStatsCoder.of().decode(frame));
      }
      return m;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
