package dev.loggardener.cluster;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts distinct strings (instance ids) in bounded memory with a bottom-k ("k minimum values")
 * sketch: it keeps the k smallest 64-bit hashes seen. Below k distinct values the count is exact;
 * above it the estimate is (k - 1) / (k-th smallest hash as a fraction of the hash space), with a
 * relative error near 1/sqrt(k). The result depends only on the set of values, never on the order
 * they arrive or are merged in, which keeps outputs identical across runners.
 */
public final class DistinctCountSketch implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default capacity: exact up to 256 instances, about 6% error beyond. */
  public static final int DEFAULT_K = 256;

  private final int k;
  // Sorted ascending, compared as unsigned, no duplicates; size() <= k.
  private long[] hashes;
  private int size;

  public DistinctCountSketch() {
    this(DEFAULT_K);
  }

  public DistinctCountSketch(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be at least 2");
    }
    this.k = k;
    this.hashes = new long[Math.min(k, 8)];
  }

  public int k() {
    return k;
  }

  public int size() {
    return size;
  }

  /** The retained hashes in ascending unsigned order (for coders and tests). */
  public long[] hashes() {
    return Arrays.copyOf(hashes, size);
  }

  public void add(String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    addHash(hash64(value));
  }

  public void addHash(long h) {
    int pos = search(h);
    if (pos >= 0) {
      return;
    }
    int insert = -pos - 1;
    if (size == k) {
      if (insert == k) {
        return;
      }
      // Drop the largest to make room.
      size--;
    }
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, Math.min(k, Math.max(8, hashes.length * 2)));
    }
    System.arraycopy(hashes, insert, hashes, insert + 1, size - insert);
    hashes[insert] = h;
    size++;
  }

  public void merge(DistinctCountSketch other) {
    for (int i = 0; i < other.size; i++) {
      addHash(other.hashes[i]);
    }
  }

  /** Exact count below capacity, the bottom-k estimate above it. */
  public long estimate() {
    if (size < k) {
      return size;
    }
    double kth = unsignedToDouble(hashes[k - 1]) / 18446744073709551616.0; // 2^64
    if (kth <= 0) {
      return size;
    }
    return Math.round((k - 1) / kth);
  }

  private int search(long h) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(hashes[mid], h);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  private static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1);
  }

  /**
   * 64-bit FNV-1a over UTF-8 followed by a murmur3 finalizer: stable across JVMs and releases. The
   * same function as {@link dev.loggardener.model.StableHash#of(String)}, which signed entries
   * carry for their instance, so {@link #addHash} with that hash counts the same.
   */
  static long hash64(String value) {
    return dev.loggardener.model.StableHash.of(value);
  }
}
