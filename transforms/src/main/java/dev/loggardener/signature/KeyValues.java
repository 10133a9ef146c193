package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.SPACE;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * The value of a {@code key=value} field is a value even without a digit ({@code user=root}, {@code
 * state=draining}): the text says so. It runs to the next space across {@code . - : @}, so {@code
 * rhost=mail.example.org} is one value; a quoted or bracketed value is left to the other types.
 * Keys longer than {@value #MAX_KEY_CHARS} characters are more likely text than a key.
 */
final class KeyValues {
  private KeyValues() {}

  private static final boolean ON = NormalizerRule.KEY_VALUES.enabled();

  static final int MAX_KEY_CHARS = 24;

  static void mark(char[] s, MessageTokens t) {
    if (!ON || !t.sawDelim('=')) {
      return;
    }
    for (int x = 2; x < t.size; x++) {
      if (t.kind(x) == WORD
          && !t.masked(x)
          && t.isDelim(s, x - 1, '=')
          && t.kind(x - 2) == WORD
          && t.end[x - 2] - t.start[x - 2] <= MAX_KEY_CHARS) {
        for (int y = x; y < t.size && t.kind(y) != SPACE; y++) {
          if (t.kind(y) == DELIM && ".-:@".indexOf(s[t.start[y]]) < 0) {
            break;
          }
          t.mask(y);
        }
      }
    }
  }
}
