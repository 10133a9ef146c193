package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/**
 * The template writer alone: tokens are built here by a plain split (spaces, runs of letters and
 * digits, single delimiters) with the words to mask named, so no masking rule is involved.
 */
public class TemplateWriterTest {

  /** The tokens of {@code text}; words equal to one of {@code masked} are marked as values. */
  private static MessageTokens tokens(String text, String... masked) {
    List<String> values = Arrays.asList(masked);
    MessageTokens t = new MessageTokens();
    char[] s = t.copy(text, text.length());
    t.reserve(text.length());
    t.size = 0;
    int i = 0;
    while (i < text.length()) {
      int j = i + 1;
      char c = s[i];
      if (c == ' ') {
        while (j < text.length() && s[j] == ' ') {
          j++;
        }
        t.addSpace(i, j);
      } else if (MessageTokenizer.isWordChar(c)) {
        while (j < text.length() && MessageTokenizer.isWordChar(s[j])) {
          j++;
        }
        t.addWord(i, j, values.contains(text.substring(i, j)));
      } else {
        t.addDelim(i);
      }
      i = j;
    }
    return t;
  }

  private static String write(String text, String... masked) {
    MessageTokens t = tokens(text, masked);
    return TemplateWriter.write(t.text, t);
  }

  @Test
  public void aMaskedWordIsWrittenAsThePlaceholder() {
    assertThat(write("timeout after 30 s", "30"), equalTo("timeout after <*> s"));
  }

  @Test
  public void masksJoinedOnlyByCollapsiblePunctuationAreOnePlaceholder() {
    assertThat(write("from 10.1.2.3 port", "10", "1", "2", "3"), equalTo("from <*> port"));
    assertThat(write("at 12:30:05", "12", "30", "05"), equalTo("at <*>"));
  }

  @Test
  public void otherPunctuationBetweenMasksStays() {
    assertThat(write("k=1=2", "1", "2"), equalTo("k=<*>=<*>"));
  }

  @Test
  public void aMaskFollowedByAWordKeepsThePunctuation() {
    assertThat(write("id 7.done", "7"), equalTo("id <*>.done"));
  }

  @Test
  public void runsOfSpacesBecomeOneAndTrailingSpacesGo() {
    assertThat(write("a   b  "), equalTo("a b"));
    assertThat(write("  a"), equalTo("a"));
  }

  @Test
  public void aTemplateIsCappedAtTheLimit() {
    String text = "x".repeat(SignatureNormalizer.MAX_TEMPLATE_CHARS + 50);
    assertThat(write(text).length(), equalTo(SignatureNormalizer.MAX_TEMPLATE_CHARS));
    String words = "ab ".repeat(SignatureNormalizer.MAX_TEMPLATE_CHARS);
    assertThat(write(words).length(), equalTo(SignatureNormalizer.MAX_TEMPLATE_CHARS));
  }

  @Test
  public void aNonAsciiTemplateIsWrittenAsCharactersAndNotOfferedForHashing() {
    MessageTokens t = tokens("Größe 5 überschritten", "5");
    assertThat(TemplateWriter.write(t.text, t), equalTo("Größe <*> überschritten"));
    assertThat(TemplateWriter.templateAscii(t), equalTo(false));
  }

  @Test
  public void anAsciiTemplateIsHashedWithItsPrefixInPlace() {
    MessageTokens t = tokens("disk 3 full", "3");
    String template = TemplateWriter.write(t.text, t);
    assertThat(TemplateWriter.templateAscii(t), equalTo(true));
    byte[] prefix = "v9\n".getBytes(StandardCharsets.US_ASCII);
    byte[] whole = ("v9\n" + template).getBytes(StandardCharsets.US_ASCII);
    assertThat(
        TemplateWriter.hashTemplate(t, prefix), equalTo(XxHash64.hash(whole, 0, whole.length, 0)));
  }
}
