package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.SPACE;
import static dev.loggardener.signature.MessageTokens.WORD;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The words that belong to a masked number: dates and times ({@code Jun 14}, {@code 10:42 PM UTC}),
 * durations ({@code 12 ms}, {@code 3 minutes}) and sizes ({@code 512 MiB}). The magnitude moves
 * between units and the day between months, so the word is as variable as the number.
 */
final class NumberWords {
  private NumberWords() {}

  private static final boolean DATES = NormalizerRule.DATE_WORDS.enabled();
  private static final boolean UNITS = NormalizerRule.UNIT_WORDS.enabled();

  /** Calendar and clock words, variable when they stand next to a masked number. */
  static final WordSet DATE_WORDS =
      WordSet.of(
          "jan",
          "feb",
          "mar",
          "apr",
          "may",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "january",
          "february",
          "march",
          "april",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "mon",
          "tue",
          "tues",
          "wed",
          "thu",
          "thur",
          "thurs",
          "fri",
          "sat",
          "sun",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "am",
          "pm",
          "utc",
          "gmt",
          "cet",
          "cest",
          "pst",
          "pdt",
          "est",
          "edt");

  /** Duration units, variable after a masked number. */
  static final WordSet DURATION_UNITS =
      WordSet.of(
          "ms", "s", "sec", "secs", "second", "seconds", "us", "µs", "ns", "min", "mins", "minute",
          "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days");

  /** Size units, variable after a masked number. */
  static final WordSet SIZE_UNITS =
      WordSet.of(
          "b", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "bytes", "byte", "k");

  /** All of them: the words the tokenizer notes as candidates for {@link #mark}. */
  static final WordSet CANDIDATES =
      new WordSet(
          Stream.of(DATE_WORDS.words(), DURATION_UNITS.words(), SIZE_UNITS.words())
              .flatMap(Set::stream)
              .collect(Collectors.toSet()));

  static void mark(char[] s, MessageTokens t) {
    // Only date and unit words are ever masked here, and only next to a masked word, so the
    // rounds visit just those words (in token order, as a visit of every token would). With no
    // masked word in the message, a round masks nothing and ends the rounds.
    int count = t.candidateCount;
    boolean changed = count > 0;
    for (int round = 0; round < 3 && changed; round++) {
      changed = false;
      for (int c = 0; c < count; c++) {
        int x = t.candidates[c];
        if (t.masked(x)) {
          continue;
        }
        int p = x - 1;
        if (p >= 0 && t.kind(p) == SPACE) {
          p--;
        }
        boolean afterMask = p >= 0 && t.maskedWord(p);
        boolean nextToMask = neighbourMasked(s, t, x, -1) || neighbourMasked(s, t, x, 1);
        if (!afterMask && !nextToMask) {
          continue;
        }
        int from = t.start[x];
        int to = t.end[x];
        if ((DATES && nextToMask && DATE_WORDS.containsIgnoreCase(s, from, to))
            || (UNITS && afterMask && isUnit(s, from, to))) {
          t.mask(x);
          changed = true;
        }
      }
    }
  }

  private static boolean isUnit(char[] s, int from, int to) {
    return DURATION_UNITS.containsIgnoreCase(s, from, to)
        || SIZE_UNITS.containsIgnoreCase(s, from, to);
  }

  /** Whether the nearest word in direction dir, skipping spaces and commas, is masked. */
  private static boolean neighbourMasked(char[] s, MessageTokens t, int x, int dir) {
    for (int y = x + dir; y >= 0 && y < t.size; y += dir) {
      byte k = t.kind(y);
      if (k == SPACE || (k == DELIM && s[t.start[y]] == ',')) {
        continue;
      }
      return k == WORD && t.masked(y);
    }
    return false;
  }
}
