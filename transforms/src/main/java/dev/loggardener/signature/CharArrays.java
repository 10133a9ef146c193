package dev.loggardener.signature;

/** Scans over a {@code char[]}, the normalizer's copy of a message, without making strings. */
final class CharArrays {
  private CharArrays() {}

  /** Whether {@code s[i, len)} starts with {@code prefix}. */
  static boolean startsWith(char[] s, int len, int i, String prefix) {
    if (i < 0 || i + prefix.length() > len) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (s[i + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code c} in {@code s[from, n)}, or -1. */
  static int indexOf(char[] s, int n, char c, int from) {
    for (int k = from; k < n; k++) {
      if (s[k] == c) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Whether {@code c} can match 'u' ignoring case: of the ASCII characters only 'u' and 'U' do;
   * non-ASCII ones are left to {@link #regionMatchesIgnoreCase}.
   */
  static boolean mayStartWithU(char c) {
    return c == 'u' || c == 'U' || c >= 128;
  }

  /**
   * {@code String.regionMatches(true, i, lower, 0, lower.length())} for a lower-case ASCII word:
   * the upper cases are compared, then the lower cases of those, which lets a few non-ASCII letters
   * such as the long s match an ASCII one.
   */
  static boolean regionMatchesIgnoreCase(char[] s, int i, String lower) {
    for (int k = 0; k < lower.length(); k++) {
      char c = s[i + k];
      char w = lower.charAt(k);
      if (c == w) {
        continue;
      }
      char u = Character.toUpperCase(c);
      if (u != Character.toUpperCase(w) && Character.toLowerCase(u) != w) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s[from, to)} has an ASCII upper-case letter. */
  static boolean hasUpperCase(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s[from, to)} is a non-empty run of hex digits. */
  static boolean isHex(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return to > from;
  }

  /** Whether {@code s[from, to)} is a non-empty run of ASCII lower-case letters. */
  static boolean isLowerLetters(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (!(c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return to > from;
  }

  /** The characters {@code chars}, each at bit {@code c - base}, for tests without branches. */
  static long bits(String chars, int base) {
    long b = 0;
    for (char c : chars.toCharArray()) {
      b |= 1L << (c - base);
    }
    return b;
  }

  /** Index of the last {@code c} in {@code s[from, to)}, or -1. */
  static int lastIndexOf(char[] s, char c, int from, int to) {
    for (int k = to - 1; k >= from; k--) {
      if (s[k] == c) {
        return k;
      }
    }
    return -1;
  }
}
