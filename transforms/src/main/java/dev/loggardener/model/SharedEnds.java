package dev.loggardener.model;

/**
 * How many leading and trailing chars a string shares with a base string, for sending the string as
 * the part that differs (a sample message next to its template, a revision next to its service).
 * The ends never split a surrogate pair, so the part in between encodes to the same UTF-8 as it
 * would inside the whole string, and gluing the base's ends back on gives exactly the string a
 * plain UTF-8 round trip would give, lone surrogates included.
 */
public final class SharedEnds {
  private SharedEnds() {}

  /** Length of the common prefix of {@code s} and {@code base}, never ending inside a pair. */
  public static int prefix(String s, String base) {
    int max = Math.min(s.length(), base.length());
    int i = 0;
    while (i < max && s.charAt(i) == base.charAt(i)) {
      i++;
    }
    // A high surrogate at the end would be cut from its low half: leave it to the middle part.
    if (i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /**
   * Length of the common suffix of {@code s} and {@code base} that does not overlap a prefix of
   * {@code prefix} chars in either string, never starting inside a pair.
   */
  public static int suffix(String s, String base, int prefix) {
    int max = Math.min(s.length(), base.length()) - prefix;
    int sl = s.length();
    int bl = base.length();
    int j = 0;
    while (j < max && s.charAt(sl - 1 - j) == base.charAt(bl - 1 - j)) {
      j++;
    }
    // A low surrogate at the start would be cut from its high half: leave it to the middle part.
    if (j > 0 && Character.isLowSurrogate(s.charAt(sl - j))) {
      j--;
    }
    return j;
  }
}
