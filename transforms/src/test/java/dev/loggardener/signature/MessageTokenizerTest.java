package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

/**
 * The tokenizer alone: the tokens of a message and the values it marks before any masking pass.
 * MessageTokens are shown as their text, a masked one in braces, a verbatim span in angle brackets,
 * separated by '|'.
 */
public class MessageTokenizerTest {

  private static String tokens(String message) {
    MessageTokens t = new MessageTokens();
    char[] s = t.copy(message, message.length());
    MessageTokenizer.tokenize(s, message.length(), t);
    StringBuilder b = new StringBuilder();
    for (int x = 0; x < t.size; x++) {
      String text = new String(s, t.start[x], t.end[x] - t.start[x]);
      if (x > 0) {
        b.append('|');
      }
      if (t.masked(x)) {
        b.append('{').append(text).append('}');
      } else if (t.kind(x) == MessageTokens.KEEP) {
        b.append('<').append(text).append('>');
      } else {
        b.append(text);
      }
    }
    return b.toString();
  }

  @Test
  public void spacesWordsAndEachDelimiterAreTokensOfTheirOwn() {
    assertThat(tokens("disk full:  retry"), equalTo("disk| |full|:|  |retry"));
  }

  @Test
  public void aWordWithADigitIsAValue() {
    assertThat(tokens("pid 4711 exited"), equalTo("pid| |{4711}| |exited"));
    assertThat(tokens("job-17 done"), equalTo("{job-17}| |done"));
  }

  @Test
  public void codeNamesAndApiVersionsAreNotValues() {
    assertThat(tokens("log4j k8s v2 v1beta1"), equalTo("log4j| |k8s| |v2| |v1beta1"));
  }

  @Test
  public void anEmailAddressIsOneValue() {
    assertThat(tokens("mail bob.s@example.com"), equalTo("mail| |bob|.|{s@example.com}"));
  }

  @Test
  public void aUrlKeepsSchemeAndNamedHostAndMasksPortAndQueryValues() {
    assertThat(
        tokens("http://api.example.com:8080/v1/x?id=42"),
        equalTo("<http://>|<api.example.com>|{:8080}|/|v1|/|x|?|id|=|{42}"));
  }

  @Test
  public void aNumberedHostIsAValue() {
    assertThat(tokens("https://10.0.0.1/ok"), equalTo("<https://>|{10.0.0.1}|/|ok"));
  }

  @Test
  public void aRedactionMarkerIsOneValue() {
    assertThat(
        tokens("token [REDACTED:secret] used"), equalTo("token| |{[REDACTED:secret]}| |used"));
  }

  @Test
  public void anEmptyFieldIsTwoDelimiters() {
    assertThat(tokens("from ()"), equalTo("from| |(|)"));
    assertThat(tokens("exit()"), equalTo("exit|(|)"));
  }
}
