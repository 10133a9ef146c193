package dev.loggardener.signature;

import static dev.loggardener.signature.CharArrays.mayStartWithU;
import static dev.loggardener.signature.CharArrays.regionMatchesIgnoreCase;
import static dev.loggardener.signature.MessageTokens.SPACE;
import static dev.loggardener.signature.MessageTokens.WORD;

/**
 * The word after a standalone {@code user} is the user's name ({@code session opened for user
 * cyrus}): a key and its value written with a space. Not one of the value types every error tracker
 * masks; it stays because the learning stage cannot yet merge a name with few values in a window
 * (docs/signatures.md gives the figures).
 */
final class UserNames {
  private UserNames() {}

  private static final boolean ON = NormalizerRule.USER_WORD.enabled();

  /**
   * Words that follow "user" in prose ("user is", "user not found") and therefore are not a user
   * name; any other single word after a standalone "user" is treated as the name.
   */
  private static final WordSet STOP_WORDS =
      WordSet.of(
          "a",
          "an",
          "the",
          "is",
          "was",
          "has",
          "had",
          "not",
          "no",
          "by",
          "for",
          "from",
          "to",
          "of",
          "in",
          "on",
          "at",
          "with",
          "and",
          "or",
          "data",
          "id",
          "name",
          "info",
          "account",
          "session",
          "request",
          "requests",
          "agent",
          "does",
          "did",
          "cannot",
          "can",
          "could",
          "should",
          "will",
          "would",
          "must",
          "may",
          "be",
          "been",
          "are",
          "were");

  static void mark(char[] s, MessageTokens t) {
    for (int x = 0; ON && t.maybeUser && x + 2 < t.size; x++) {
      if (t.kind(x) == WORD
          && t.end[x] - t.start[x] == 4
          && mayStartWithU(s[t.start[x]])
          && regionMatchesIgnoreCase(s, t.start[x], "user")
          && t.kind(x + 1) == SPACE
          && t.kind(x + 2) == WORD
          && !t.masked(x + 2)
          && !STOP_WORDS.containsIgnoreCase(s, t.start[x + 2], t.end[x + 2])) {
        t.mask(x + 2);
      }
    }
  }
}
