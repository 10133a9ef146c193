package dev.loggardener.signature;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 (xxHash, 64-bit, by Yann Collet) over a byte array, written out here so that signature ids
 * depend on no library version and can be recomputed in any language with a stock xxHash
 * implementation. It is not a cryptographic hash: ids only need to be stable and well spread, and a
 * collision merely merges two clusters. Known-answer tests pin the implementation.
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  /** XXH64 of {@code data[0, length)} with the given seed. */
  public static long hash(byte[] data, int length, long seed) {
    return hash(data, 0, length, seed);
  }

  /** XXH64 of {@code data[offset, offset + length)} with the given seed. */
  public static long hash(byte[] data, int offset, int length, long seed) {
    int i = offset;
    int end = offset + length;
    long h;
    if (length >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = end - 32;
      do {
        v1 = round(v1, getLong(data, i));
        v2 = round(v2, getLong(data, i + 8));
        v3 = round(v3, getLong(data, i + 16));
        v4 = round(v4, getLong(data, i + 24));
        i += 32;
      } while (i <= limit);
      h =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      h = mergeRound(h, v1);
      h = mergeRound(h, v2);
      h = mergeRound(h, v3);
      h = mergeRound(h, v4);
    } else {
      h = seed + P5;
    }
    h += length;
    while (i + 8 <= end) {
      h ^= round(0, getLong(data, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      i += 8;
    }
    if (i + 4 <= end) {
      h ^= (getInt(data, i) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    while (i < end) {
      h ^= (data[i] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      i++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long mergeRound(long acc, long val) {
    acc ^= round(0, val);
    return acc * P1 + P4;
  }

  /**
   * Little-endian, as the reference implementation reads input on every platform. The view handles
   * compile to single loads, where assembling the value byte by byte did not.
   */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static long getLong(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  private static int getInt(byte[] b, int i) {
    return (int) INTS.get(b, i);
  }
}
