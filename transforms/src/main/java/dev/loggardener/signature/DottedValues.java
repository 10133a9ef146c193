package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * IP addresses and numbered host names as one value ({@code 10.1.2.3}, {@code
 * ip-10-0-0-1.ec2.internal}, {@code 10.1.2.3.example.net}): when the first label of a lower-case
 * dotted run is a value, so is the whole run.
 */
final class DottedValues {
  private DottedValues() {}

  private static final boolean ON = NormalizerRule.DOTTED_VALUES.enabled();

  static void mark(char[] s, MessageTokens t) {
    if (!ON || !t.dotAfterMask) {
      return;
    }
    // The runs are those of a visit of every token from the left: one starts at each masked
    // word that is not right after a word and not inside an earlier run. A run that changes
    // anything has a '.' right after its first word, so only the words before a '.' are tried.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int x = t.joiners[j] - 1;
      if (x < next
          || s[t.start[x + 1]] != '.'
          || t.kind(x) != WORD
          || !t.masked(x)
          || (x > 0 && t.kind(x - 1) == WORD)) {
        continue;
      }
      int last = x;
      int y = x + 1;
      while (y + 1 < t.size
          && t.kind(y) == DELIM
          && s[t.start[y]] == '.'
          && t.kind(y + 1) == WORD) {
        last = y + 1;
        y += 2;
      }
      if (last > x
          && !(last + 1 < t.size && t.kind(last + 1) == DELIM && s[t.start[last + 1]] == '/')
          && !CharArrays.hasUpperCase(s, t.start[x], t.end[last])) {
        for (int z = x; z <= last; z++) {
          t.mask(z);
        }
      }
      next = last + 1;
    }
  }
}
