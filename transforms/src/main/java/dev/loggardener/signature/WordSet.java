package dev.loggardener.signature;

import java.util.Locale;
import java.util.Set;

/**
 * A fixed set of lower-case words that answers {@code
 * words.contains(word.toLowerCase(Locale.ROOT))} for a range of a {@code char[]} without creating
 * the word: the normalizer asks this for many tokens of every message, and the substring,
 * lower-casing and hashing of a {@code String} per question were a visible share of its time. ASCII
 * words are looked up in an open-addressing table of their own; a word with any non-ASCII character
 * takes the {@code String} path, so the answer is always exactly that of {@link Set#contains} on
 * the lower-cased word.
 */
final class WordSet {
  private final Set<String> words;
  private final String[] table;
  private final int mask;

  /**
   * Lower-cased first two characters (bit {@code c0 << 7 | c1}, c1 = 0 for one-letter words): a bit
   * set of 2 KiB rather than a 16 KiB boolean array, so it stays in the first-level cache.
   */
  private final long[] starts = new long[128 * 128 / 64];

  /** Whether some word starts with a non-ASCII character: then every such word may be one. */
  private final boolean nonAsciiStart;

  /** The set of {@code words}, each given in lower case (or as it must match exactly). */
  static WordSet of(String... words) {
    return new WordSet(Set.of(words));
  }

  WordSet(Set<String> words) {
    this.words = words;
    int size = Integer.highestOneBit(Math.max(4, words.size() * 4) - 1) << 1;
    this.table = new String[size];
    this.mask = size - 1;
    for (String w : words) {
      int h = slot(hash(w));
      while (table[h] != null) {
        h = (h + 1) & mask;
      }
      table[h] = w;
    }
    boolean nonAscii = false;
    for (String w : words) {
      char c0 = w.charAt(0);
      char c1 = w.length() > 1 ? w.charAt(1) : 0;
      if (c0 >= 128 || c1 >= 128) {
        nonAscii = true;
      } else {
        int bit = c0 << 7 | c1;
        starts[bit >>> 6] |= 1L << bit;
      }
    }
    this.nonAsciiStart = nonAscii;
  }

  /**
   * A cheap necessary condition for {@link #containsIgnoreCase}: false only when the word cannot be
   * in the set, judged by its first two characters. Lower-casing maps ASCII characters one to one,
   * so for a word that starts with two ASCII characters (or is one), those decide; a word that
   * starts otherwise is always a maybe.
   */
  boolean mayContainIgnoreCase(char[] s, int from, int to) {
    char c0 = s[from];
    char c1 = to - from > 1 ? s[from + 1] : 0;
    if (c0 >= 128 || c1 >= 128) {
      return true;
    }
    int bit = lower(c0) << 7 | lower(c1);
    return (starts[bit >>> 6] & (1L << bit)) != 0;
  }

  private static int hash(String w) {
    int h = 0;
    for (int k = 0; k < w.length(); k++) {
      h = 31 * h + w.charAt(k);
    }
    return h;
  }

  private int slot(int h) {
    return (h ^ (h >>> 7)) & mask;
  }

  Set<String> words() {
    return words;
  }

  /** Whether the lower case of {@code s[from, to)} is in the set. */
  boolean containsIgnoreCase(char[] s, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (c >= 128) {
        return words.contains(new String(s, from, to - from).toLowerCase(Locale.ROOT));
      }
      h = 31 * h + lower(c);
    }
    for (int x = slot(h); ; x = (x + 1) & mask) {
      String w = table[x];
      if (w == null) {
        return false;
      }
      if (equalsLowerCased(w, s, from, to)) {
        return true;
      }
    }
  }

  /** Whether {@code s[from, to)} is in the set as it is, without case folding. */
  boolean containsExact(char[] s, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + s[k];
    }
    for (int x = slot(h); ; x = (x + 1) & mask) {
      String w = table[x];
      if (w == null) {
        return false;
      }
      if (equalsExact(w, s, from, to)) {
        return true;
      }
    }
  }

  private static boolean equalsExact(String w, char[] s, int from, int to) {
    if (w.length() != to - from) {
      return false;
    }
    for (int k = 0; k < w.length(); k++) {
      if (w.charAt(k) != s[from + k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsLowerCased(String w, char[] s, int from, int to) {
    if (w.length() != to - from) {
      return false;
    }
    for (int k = 0; k < w.length(); k++) {
      if (w.charAt(k) != lower(s[from + k])) {
        return false;
      }
    }
    return true;
  }

  /** {@code String.toLowerCase(Locale.ROOT)} of an ASCII character. */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
  }
}
