package dev.loggardener.model;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash that is the same on every JVM, runner and release (FNV-1a over UTF-8 followed by a
 * murmur3 finalizer), so that samples chosen by hash are reproducible everywhere.
 */
public final class StableHash {
  private StableHash() {}

  public static long of(String value) {
    long h = 0xcbf29ce484222325L;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** Combines two values into one well-spread hash. */
  public static long of(long a, long b) {
    return mix(a * 0x9e3779b97f4a7c15L ^ mix(b));
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
