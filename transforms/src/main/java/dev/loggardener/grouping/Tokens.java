package dev.loggardener.grouping;

import dev.loggardener.signature.SignatureNormalizer;

/**
 * The token view of a signature template the learning stage works on: the template split at single
 * spaces (the normalizer writes one space between tokens), so joining the tokens with spaces gives
 * the template back exactly.
 */
final class Tokens {
  static final String MASK = SignatureNormalizer.MASK;

  /** How a learned {@code key=value} position ends: the key's '=' and a mask. */
  private static final String KEY_MASK_END = "=" + MASK;

  private Tokens() {}

  /** Whether the token holds a letter: a word rather than a number or punctuation. */
  static boolean hasLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static String[] split(String template) {
    return template.split(" ", -1);
  }

  static String join(String[] tokens) {
    return String.join(" ", tokens);
  }

  /** The pattern token of a learned {@code key=value} position: the key kept, the value masked. */
  static String keyMask(String key) {
    return key + MASK;
  }

  /**
   * Whether {@code pattern} matches {@code tokens}: equal everywhere it has no mask, and a {@code
   * key=<*>} token matches any value of that key.
   */
  static boolean matches(String[] pattern, String[] tokens) {
    if (pattern.length != tokens.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (!p.equals(MASK) && !p.equals(tokens[i]) && !matchesKeyMask(p, tokens[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesKeyMask(String p, String token) {
    int keyLength = p.length() - MASK.length();
    return keyLength > 1
        && p.endsWith(KEY_MASK_END)
        && token.length() > keyLength - 1
        && token.regionMatches(0, p, 0, keyLength);
  }

  /** Variable positions of a pattern: masks and {@code key=<*>} tokens. */
  static int masks(String[] tokens) {
    int n = 0;
    for (String t : tokens) {
      if (t.equals(MASK) || (t.length() > KEY_MASK_END.length() && t.endsWith(KEY_MASK_END))) {
        n++;
      }
    }
    return n;
  }
}
