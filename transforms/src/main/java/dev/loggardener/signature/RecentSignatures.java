package dev.loggardener.signature;

import java.util.Arrays;

/**
 * The signatures of the ASCII templates one thread signed recently, by the XXH64 of their id prefix
 * and template, one per slot (a newer template takes its slot). Logs repeat a small set of
 * templates, so most messages find theirs here and {@link Signer} returns the same {@link
 * Signature} instance instead of making a string of the template, its hex id and a signature again;
 * callers that key maps by the id or the template then also find the hash codes computed. A slot is
 * taken only when its template's bytes are equal to the new one, so the result is the one a fresh
 * signature would be.
 */
final class RecentSignatures {
  private static final int SLOTS = 1 << 12;

  private final long[] hashes = new long[SLOTS];
  private final byte[][] templates = new byte[SLOTS][];
  private final Signature[] signatures = new Signature[SLOTS];

  /** The signature kept for the template {@code bytes[from, from + length)} of hash {@code h}. */
  Signature find(long h, byte[] bytes, int from, int length) {
    int slot = (int) h & (SLOTS - 1);
    Signature s = signatures[slot];
    if (s == null || hashes[slot] != h) {
      return null;
    }
    byte[] kept = templates[slot];
    return Arrays.equals(kept, 0, kept.length, bytes, from, from + length) ? s : null;
  }

  /** Keeps {@code s}, the signature of the template {@code bytes[from, from + length)}. */
  void keep(long h, byte[] bytes, int from, int length, Signature s) {
    int slot = (int) h & (SLOTS - 1);
    hashes[slot] = h;
    templates[slot] = Arrays.copyOfRange(bytes, from, from + length);
    signatures[slot] = s;
  }
}
