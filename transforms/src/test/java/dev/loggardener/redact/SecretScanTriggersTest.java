package dev.loggardener.redact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/**
 * The shift-and automaton of {@link SecretScan#triggers} against the exact pre-scan {@link
 * SecretScan#mayNeedRedaction}, and the outputs of {@link Redactor} at the edges of its flags.
 */
public class SecretScanTriggersTest {

  private static int triggers(String s) {
    return SecretScan.triggers(SecretScan.chars(s), s.length());
  }

  private static boolean exact(String s) {
    return SecretScan.mayNeedRedaction(SecretScan.chars(s), s.length()) >= 0;
  }

  @Test
  public void automatonAgreesWithExactScanOnAscii() {
    String[] inputs = {
      "plain words only",
      "Password=x",
      "pAsSw",
      "pass w",
      "pwd",
      "pw d",
      "Private",
      "privat",
      "SECRET",
      "secre",
      "session",
      "sessio",
      "token",
      "toke",
      "auth",
      "aut",
      "api",
      "ap i",
      "access",
      "acces",
      "credential",
      "cookie",
      "cooki",
      "Bearer x",
      "beare",
      "eyJ",
      "eyj",
      "AIza",
      "AIzb",
      "AKIA",
      "ASIA",
      "AKIB",
      "aKIA",
      "ghp_",
      "gho_",
      "ghu_",
      "ghs_",
      "ghr_",
      "ghx_",
      "gh_",
      "github_pat_",
      "xox",
      "xo x",
      "sk_live_x",
      "sk_test_x",
      "-----BEGIN",
      "-- BEGIN",
      "a@b",
      "@",
      "x",
      "",
      // card-shaped runs: 13 digits, start 2-6 after a non-glue character, spaces and dashes kept
      "4111111111111",
      "411111111111",
      "4111 1111 1111 1",
      "4111-1111-1111-1",
      "4111\t1111111111",
      "1111111111111",
      "7111111111111",
      "x4111111111111",
      "_4111111111111",
      ".4111111111111",
      "+4111111111111",
      "-4111111111111",
      " -4111111111111",
      "(4111111111111",
      "=4111111111111",
      "12 4111111111111",
      "1 4111111111111",
      "blk_-1608999687919862906",
      "4111 1111 1111 x111",
    };
    for (String s : inputs) {
      assertThat(s, triggers(s) != 0, is(exact(s)));
    }
  }

  @Test
  public void everyAsciiCharacterBeforeACardIsClassifiedAsTheExactScanDoes() {
    for (char c = 0; c < 128; c++) {
      String s = c + "4111111111111111";
      assertThat((int) c + ": " + s, triggers(s) != 0, is(exact(s)));
    }
  }

  @Test
  public void shortenedWordsOnlyAddTriggers() {
    for (String s :
        new String[] {"credent", "github_pa", "k_live", "k_test", "--BEGIN", "----BEGIN"}) {
      assertThat(s, exact(s), is(false));
      assertThat(s, triggers(s) != 0, is(true));
    }
  }

  @Test
  public void nonAsciiTextIsLeftToTheExactScan() {
    // case folding of String.regionMatches: 'ſ' is s, 'ı' and 'İ' are i, the Kelvin sign is k
    String[] inputs = {
      "pa\u017Fsword=x", "se\u017Fsion=1", "to\u212Aen=abc", "ap\u0130_key=1", "prı vate", "é"
    };
    for (String s : inputs) {
      assertThat(s, triggers(s), equalTo(SecretScan.NEEDS_EXACT));
    }
    // a folded key word is no key (keys are ASCII), but the rest of the text is redacted
    assertThat(Redactor.redact("to\u212Aen=abc123"), equalTo("to\u212Aen=abc123"));
    assertThat(
        Redactor.redact("café password=hunter2"), equalTo("café password=[REDACTED:secret]"));
  }

  @Test
  public void aCardAfterANonAsciiLetterIsRedactedAsThePatternMatchesIt() {
    // the card pattern's look-behind is ASCII, so the pre-scan must not call 'é' glue either;
    // it once did, and such a card was redacted only when another rule flagged the line
    assertThat(Redactor.redact("é4111111111111111"), equalTo("é[REDACTED:card]"));
    assertThat(Redactor.redact("номер4111111111111111"), equalTo("номер[REDACTED:card]"));
    assertThat(Redactor.redact("x4111111111111111"), equalTo("x4111111111111111"));
  }

  @Test
  public void redactionAfterAMarkerStillFindsTheCardBehindIt() {
    // the token rule stops after 4096 characters, so the card digits that were glued to the
    // token follow the marker
    String s = "Bearer " + "a".repeat(4096) + "4111111111111111";
    assertThat(Redactor.redact(s), equalTo("Bearer [REDACTED:token][REDACTED:card]"));
  }

  @Test
  public void githubPatIsRedactedWithoutAnotherGhInTheLine() {
    // the API-key guard once wanted "gh" somewhere, which "github_pat_" does not contain
    String bare = "github_pat_abcdefKhijklmnopqrstuvwxyz123";
    assertThat(Redactor.redact(bare), equalTo("[REDACTED:token]"));
    assertThat(Redactor.redact("ghost " + bare), equalTo("ghost [REDACTED:token]"));
  }

  @Test
  public void shortenedWordsAloneChangeNothing() {
    for (String s : new String[] {"credent=abc", "--BEGIN x=1", "k_live x", "github_pa_1"}) {
      assertThat(Redactor.redact(s), equalTo(s));
    }
  }
}
