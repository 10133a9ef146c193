package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.CODE;
import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.SPACE;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * File paths as one value: absolute ({@code /var/data/x/y.log}, {@code C:\dir\f}) with two or more
 * separators, and relative ones starting with {@code ./} or {@code ../}, name one of many files
 * that fail the same way. Request paths after an HTTP method keep their skeleton instead ({@code
 * GET /v1/orders/<*>}) because the endpoint is part of the event.
 */
final class FilePaths {
  private FilePaths() {}

  private static final boolean ON = NormalizerRule.FILE_PATHS.enabled();

  private static final WordSet HTTP_METHODS =
      WordSet.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

  static void mark(char[] s, MessageTokens t) {
    if (!ON || (!t.sawDelim('/') && !t.sawDelim('\\'))) {
      return;
    }
    // A path starts at a '/' or at most two tokens before a '/' or '\\' ("./", "../", "C:\\"),
    // so only those tokens are tried, in the order and with the skips of a visit of every token.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int p = t.joiners[j];
      char sep = s[t.start[p]];
      if ((sep == '/' || sep == '\\') && p >= next) {
        next = markFrom(s, t, Math.max(next, p - 2), p);
      }
    }
  }

  /** The visit of tokens {@code from..to}; returns the first token not visited. */
  private static int markFrom(char[] s, MessageTokens t, int from, int to) {
    int x = from;
    for (; x <= to; x++) {
      int first = pathStart(s, t, x);
      if (first < 0) {
        continue;
      }
      int seps = 0;
      int y = first;
      while (y < t.size) {
        byte k = t.kind(y);
        if (k == WORD) {
          y++;
          continue;
        }
        if (k != DELIM) {
          break;
        }
        char c = s[t.start[y]];
        if (c == '/' || c == '\\') {
          seps++;
        } else if (c != '.'
            && c != '~'
            && c != '+'
            && c != '@'
            && c != '%'
            && c != '*'
            && c != '$'
            && c != '{'
            && c != '}'
            && !(c == ':' && y == first + 1)) {
          break;
        }
        y++;
      }
      // a trailing '.' ends the sentence, not the path
      int last = y - 1;
      while (last > first && t.isDelim(s, last, '.')) {
        last--;
      }
      boolean relative = t.isDelim(s, first, '.');
      if (afterHttpMethod(s, t, x)) {
        for (int z = first; z <= last; z++) {
          t.flags[z] |= CODE;
        }
      } else if (seps >= 2 || (relative && seps >= 1)) {
        for (int z = first; z <= last; z++) {
          t.mask(z);
        }
      }
      x = y;
    }
    return x;
  }

  /** Index of the first token of a path starting at token x, or -1. */
  private static int pathStart(char[] s, MessageTokens t, int x) {
    if (!t.isChunkStart(s, x)) {
      return -1;
    }
    if (t.isDelim(s, x, '/')) {
      return x;
    }
    if (relativePathStart(s, t, x)) {
      return x;
    }
    if (t.kind(x) == WORD
        && t.end[x] - t.start[x] == 1
        && x + 2 < t.size
        && t.isDelim(s, x + 1, ':')
        && t.isDelim(s, x + 2, '\\')) {
      return x;
    }
    return -1;
  }

  /** {@code ./name} or {@code ../name}: a relative file path. */
  private static boolean relativePathStart(char[] s, MessageTokens t, int x) {
    int y = x;
    while (y < t.size && y < x + 2 && t.isDelim(s, y, '.')) {
      y++;
    }
    return y > x && y + 1 < t.size && t.isDelim(s, y, '/') && t.kind(y + 1) == WORD;
  }

  private static boolean afterHttpMethod(char[] s, MessageTokens t, int x) {
    int y = x - 1;
    while (y >= 0 && t.kind(y) == SPACE) {
      y--;
    }
    return y >= 0 && t.kind(y) == WORD && HTTP_METHODS.containsExact(s, t.start[y], t.end[y]);
  }
}
