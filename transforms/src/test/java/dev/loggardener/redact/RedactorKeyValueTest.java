package dev.loggardener.redact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

/**
 * The key-value rule at the edges of its hand-decided matches (separators read backwards, plain
 * values without the matcher) and of the digit-run guard behind it.
 */
public class RedactorKeyValueTest {

  private static void assertRedacts(String[][] rows) {
    for (String[] row : rows) {
      assertThat(row[0], Redactor.redact(row[0]), equalTo(row[1]));
    }
  }

  @Test
  public void separatorTakesAnOptionalQuoteThenAtMostThreeBlanks() {
    assertRedacts(
        new String[][] {
          {"token=abc", "token=[REDACTED:secret]"},
          {"token = abc", "token = [REDACTED:secret]"},
          {"token   =   abc", "token   =   [REDACTED:secret]"},
          {"token    = abc", "token    = abc"},
          {"token =    abc", "token =    abc"},
          {"token\t:\tabc12345", "token\t:\t[REDACTED:secret]"},
          {"token\"  :x1234567", "token\"  :[REDACTED:secret]"},
          {"token  \":x1234567", "token  \":x1234567"},
          {"token=a=b password=c", "token=[REDACTED:secret] password=[REDACTED:secret]"},
        });
  }

  @Test
  public void keyIsAWholeRunOfAtMost64StartingWithALetter() {
    assertRedacts(
        new String[][] {
          {"a".repeat(60) + "auth=x", "a".repeat(60) + "auth=[REDACTED:secret]"},
          {"a".repeat(61) + "auth=x", "a".repeat(61) + "auth=x"},
          {"1abcauth=x", "1abcauth=x"},
          {"x.auth=y", "x.auth=[REDACTED:secret]"},
        });
  }

  @Test
  public void valuesStartingLikeASchemeOrAQuoteGoToTheMatcher() {
    assertRedacts(
        new String[][] {
          {"token: bearer abcdefgh", "token: bearer [REDACTED:token]"},
          {"token: Basic abc", "token: Basic [REDACTED:secret]"},
          {"token=digest", "token=[REDACTED:secret]"},
          {"token=Tabc", "token=[REDACTED:secret]"},
          {"pwd=dXYZ", "pwd=[REDACTED:secret]"},
          {"token\": \"abc\"", "token\": \"[REDACTED:secret]\""},
        });
  }

  @Test
  public void colonValuesMustLookLikeCredentials() {
    assertRedacts(
        new String[][] {
          {"token: abcdefgh", "token: abcdefgh"},
          {"token: abcdefg1", "token: [REDACTED:secret]"},
          {"token: abcdefg", "token: abcdefg"},
          {"token: abc-def.ghi_jkl!", "token: [REDACTED:secret]"},
          {"token: abcdefgh\u00e9", "token: abcdefgh\u00e9"},
        });
  }

  @Test
  public void plainValuesStopAfter4096Characters() {
    assertThat(
        Redactor.redact("token=" + "a".repeat(4096) + "b1 c"),
        equalTo("token=[REDACTED:secret]b1 c"));
    assertThat(
        Redactor.redact("token=" + "a".repeat(4095) + " c"), equalTo("token=[REDACTED:secret] c"));
  }

  @Test
  public void nonAsciiValuesCountCodePointsAsThePatternDoes() {
    // the emoji is one code point in two chars, so the 4096th code point ends before "b"
    assertThat(
        Redactor.redact("token=" + "a".repeat(4095) + "\uD83D\uDE00b c"),
        equalTo("token=[REDACTED:secret]b c"));
    assertThat(Redactor.redact("token=\u00e912345678"), equalTo("token=[REDACTED:secret]"));
  }

  @Test
  public void cardsAreStillFoundAfterAKeyValueChange() {
    assertRedacts(
        new String[][] {
          {
            "Session: 30546173_4261722401 initialized by client 4111111111111111",
            "Session: [REDACTED:secret] initialized by client [REDACTED:card]"
          },
          {
            "Session: 30546173_4261722401 4111 1111 1111 1111",
            "Session: [REDACTED:secret] [REDACTED:card]"
          },
          {"password=x 4111 1111 1111 111", "password=[REDACTED:secret] 4111 1111 1111 111"},
        });
  }
}
