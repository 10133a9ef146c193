package dev.loggardener.grouping;

import dev.loggardener.signature.SignatureNormalizer;

/**
 * The token view of a signature template the learning stage works on: the template split at
 * single spaces (the normalizer writes one space between tokens), so joining the tokens with
 * spaces gives the template back exactly.
 */
final class Tokens {
  static final String MASK = SignatureNormalizer.MASK;

  private Tokens() {}

  static String[] split(String template) {
    return template.split(" ", -1);
  }

  static String join(String[] tokens) {
    return String.join(" ", tokens);
  }

  /** Whether {@code pattern} matches {@code tokens}: equal everywhere it has no mask. */
  static boolean matches(String[] pattern, String[] tokens) {
    if (pattern.length != tokens.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals(MASK) && !pattern[i].equals(tokens[i])) {
        return false;
      }
    }
    return true;
  }

  static int masks(String[] tokens) {
    int n = 0;
    for (String t : tokens) {
      if (t.equals(MASK)) {
        n++;
      }
    }
    return n;
  }
}
