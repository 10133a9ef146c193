package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.CODE;
import static dev.loggardener.signature.MessageTokens.MASKED;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * The exception to "a word with a digit is a value" that needs the words around it: a qualified
 * class name ({@code psycopg2.OperationalError}, {@code boto3.exceptions.S3UploadFailedError}) is
 * code, not data, even when a package has a digit. Identifiers joined by dots where the last starts
 * with an upper-case letter and has lower-case letters are kept literally and never absorbed into a
 * neighbouring value, so an exception type keeps its name in messages and stack-trace signatures.
 */
final class CodeNames {
  private CodeNames() {}

  private static final boolean ON = NormalizerRule.CODE_NAMES.enabled();

  static void mark(char[] s, MessageTokens t) {
    if (!ON || !t.dotBeforeUpper) {
      return;
    }
    int x = 0;
    while (x < t.size) {
      if (t.kind(x) != WORD || (x > 0 && (t.kind(x - 1) == WORD || t.isDelim(s, x - 1, '.')))) {
        x++;
        continue;
      }
      int last = x;
      int y = x + 1;
      while (y + 1 < t.size && t.isDelim(s, y, '.') && t.kind(y + 1) == WORD) {
        last = y + 1;
        y += 2;
      }
      if (last > x && isClassName(s, t.start[last], t.end[last]) && allIdentifiers(s, t, x, last)) {
        for (int z = x; z <= last; z++) {
          t.flags[z] = (byte) ((t.flags[z] & ~MASKED) | CODE);
        }
      }
      x = last + 1;
    }
  }

  private static boolean isClassName(char[] s, int from, int to) {
    if (!(s[from] >= 'A' && s[from] <= 'Z')) {
      return false;
    }
    for (int k = from + 1; k < to; k++) {
      char c = s[k];
      if (c >= 'a' && c <= 'z') {
        return true;
      }
    }
    return false;
  }

  private static boolean allIdentifiers(char[] s, MessageTokens t, int first, int last) {
    for (int z = first; z <= last; z += 2) {
      if (t.kind(z) != WORD || t.start[z] == t.end[z] || !Character.isLetter(s[t.start[z]])) {
        return false;
      }
      for (int k = t.start[z]; k < t.end[z]; k++) {
        if (s[k] == '-') {
          return false;
        }
      }
    }
    return true;
  }
}
