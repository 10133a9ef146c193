package dev.loggardener.redact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

/** The card rule at the edges of its candidate starts and of the search after each match. */
public class RedactorCardTest {

  private static final String[][] CASES = {
    {"x4111111111111111", "x4111111111111111"},
    {"-4111111111111111", "-4111111111111111"},
    {"(4111 1111 1111 1111)", "([REDACTED:card])"},
    {"4111111111111111.5", "4111111111111111.5"},
    {"4111111111111111.x", "[REDACTED:card].x"},
    {"4111111111111111 5500000000000004", "[REDACTED:card] [REDACTED:card]"},
    // a match that fails Luhn still moves the search past its end
    {"4111111111111112 4111111111111111", "4111111111111112 [REDACTED:card]"},
    {"41111111111111111111 4111111111111111", "41111111111111111111 [REDACTED:card]"},
    // the look-behind is ASCII: after 'é' a card may start once another rule flagged the text
    {
      "é password=x é4111111111111111 (4111111111111111)",
      "é password=[REDACTED:secret] é[REDACTED:card] ([REDACTED:card])"
    },
    {"3782 822463 10005", "[REDACTED:card]"},
    {"3782-822463-10005x", "3782-822463-10005x"},
    {"card 4111 1111 1111 1111 1111", "card [REDACTED:card] 1111"},
  };

  @Test
  public void cardsStartOnlyWhereThePatternCanStart() {
    for (String[] row : CASES) {
      assertThat(row[0], Redactor.redact(row[0]), equalTo(row[1]));
    }
  }
}
