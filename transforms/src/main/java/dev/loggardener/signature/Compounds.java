package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * A value is the whole compound a variable part sits in: {@code host:port} ({@code
 * www.example.com:443}), IPv6 and MAC addresses ({@code fe80::1ff:fe23}, {@code
 * FF:F2:9F:15:7E:6E}), and identifiers built of parts ({@code
 * Package_for_KB3121255~31bf3856ad364e35~amd64}, {@code allreduce_V1R1.rts}) vary as one thing, so
 * when any word of a run joined by {@code . ~ : / \ @ + # % $} is masked, all of it is. Brackets,
 * quotes, '=', ',' and ';' delimit values, as does a ':' after a key word ({@code
 * CurrentState:112}) and a dot leader ({@code threshold........0}); code and URL parts never join a
 * value.
 */
final class Compounds {
  private Compounds() {}

  private static final boolean ON = NormalizerRule.COMPOUNDS.enabled();

  /** The joiners other than ':', as bit sets over the ASCII characters below and from 64. */
  private static final long JOINERS_LOW = CharArrays.bits("./+#%$", 0);

  private static final long JOINERS_HIGH = CharArrays.bits("~\\@", 64);

  static void mark(char[] s, MessageTokens t) {
    if (!ON || t.joinerCount == 0) {
      return;
    }
    // The runs are those of a visit of every token from the left: one starts at each word that
    // is not code and not inside an earlier run. A run of more than one word has a joiner right
    // after its first word, so only the words before a joiner are tried.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int x = t.joiners[j] - 1;
      if (x < next || t.kind(x) != WORD || t.code(x)) {
        continue;
      }
      int last = x;
      boolean anyMasked = t.masked(x);
      int y = x + 1;
      while (true) {
        int d = y;
        while (d < t.size && t.kind(d) == DELIM && isJoiner(s, t, d)) {
          d++;
        }
        // a dot leader ("threshold........0") separates a label from its value
        if (d == y || d - y > 2 || d >= t.size || t.kind(d) != WORD || t.code(d)) {
          break;
        }
        last = d;
        anyMasked |= t.masked(d);
        y = d + 1;
      }
      if (anyMasked && last > x) {
        for (int z = x; z <= last; z++) {
          t.mask(z);
        }
      }
      next = last + 1;
    }
  }

  private static boolean isJoiner(char[] s, MessageTokens t, int d) {
    char c = s[t.start[d]];
    if (c == ':') {
      // "CurrentState:112" is key and value; "FF:F2", "10:42" and "host:8080" are one value
      return d > 0
          && t.kind(d - 1) == WORD
          && (t.masked(d - 1) || CharArrays.isHex(s, t.start[d - 1], t.end[d - 1]));
    }
    return c < 128 && ((c < 64 ? JOINERS_LOW >>> c : JOINERS_HIGH >>> (c - 64)) & 1) != 0;
  }

  /** Whether {@code c} may join a compound value: a joiner, or a ':' (see {@link #isJoiner}). */
  static boolean isJoinerChar(char c) {
    return c == ':'
        || (c < 128 && ((c < 64 ? JOINERS_LOW >>> c : JOINERS_HIGH >>> (c - 64)) & 1) != 0);
  }
}
