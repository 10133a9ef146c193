package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * The runs of dotted words that may be a name standing as a word of its own ({@code
 * www.example.com}, {@code chrome.exe}), shared by {@link HostNames} and {@link FileNames}: a run
 * starts at an unmasked word that is not code, at the start of a chunk, and must not go on as a
 * path, an e-mail address or a call.
 */
final class DottedNames {
  private DottedNames() {}

  /** What a value type decides about one run of words {@code x..last} joined by '.'. */
  interface NameTest {
    boolean isName(char[] s, MessageTokens t, int x, int last, int labels);
  }

  /** Masks every run that {@code test} takes for a name; visits only the words before a '.'. */
  static void mark(char[] s, MessageTokens t, NameTest test) {
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int d = t.joiners[j];
      int x = runStart(s, t, d, next);
      if (x < 0 || s[t.start[d]] != '.') {
        continue;
      }
      int last = x;
      int y = x + 1;
      while (y + 1 < t.size && t.isDelim(s, y, '.') && t.kind(y + 1) == WORD && !t.code(y + 1)) {
        last = y + 1;
        y += 2;
      }
      next = last + 1;
      if (last == x || continuesPastName(s, t, last)) {
        continue;
      }
      if (test.isName(s, t, x, last, (last - x) / 2 + 1)) {
        for (int z = x; z <= last; z++) {
          t.mask(z);
        }
      }
    }
  }

  /**
   * The word before joiner token {@code d} when a name may start there (not before {@code next}),
   * else -1.
   */
  static int runStart(char[] s, MessageTokens t, int d, int next) {
    int x = d - 1;
    if (x < next
        || x < 0
        || t.kind(x) != WORD
        || t.masked(x)
        || t.code(x)
        || !t.isChunkStart(s, x)) {
      return -1;
    }
    return x;
  }

  /** Whether the run ending at token last goes on as a path, an address or a call. */
  private static boolean continuesPastName(char[] s, MessageTokens t, int last) {
    if (last + 1 >= t.size || t.kind(last + 1) != DELIM) {
      return false;
    }
    char c = s[t.start[last + 1]];
    return c == '/' || c == '\\' || c == '@' || c == '(' || c == '-' || c == '_';
  }
}
