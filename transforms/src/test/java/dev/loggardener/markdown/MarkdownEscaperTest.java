package dev.loggardener.markdown;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

public class MarkdownEscaperTest {

  private static void check(String in, String out) {
    assertThat(in, MarkdownEscaper.escape(in), equalTo(out));
  }

  @Test
  public void plainTextStaysReadable() {
    check("netra-backend-staging", "netra-backend-staging");
    check(
        "projects/p/logs/run.googleapis.com%2Fstderr",
        "projects/p/logs/run.googleapis.com%2Fstderr");
    check("netra_backend.app", "netra_backend.app");
    check("exit(3).", "exit(3).");
    check("2025-09-16T01:42:58Z", "2025-09-16T01:42:58Z");
    check("1,000", "1,000");
    check(null, "");
  }

  @Test
  public void inlineConstructsAreEscapedEverywhere() {
    check("[a](b)", "\\[a\\]\\(b)");
    check("![i](u)", "\\!\\[i\\]\\(u)");
    check("*em* _em_ ~~s~~ `c`", "\\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\`c\\`");
    check("a|b", "a\\|b");
    check("back\\slash", "back\\\\slash");
    check("{{x}}", "\\{\\{x\\}\\}");
    check("#42 @team a@b.c", "\\#42 \\@team a\\@b.c");
  }

  @Test
  public void htmlBecomesEntities() {
    check("<script>&</script>", "&lt;script&gt;&amp;&lt;/script&gt;");
    check("&lt;", "&amp;lt;");
  }

  @Test
  public void autolinksAreDefused() {
    check("see http://evil.example/x", "see http\\://evil.example/x");
    check("www.evil.example", "www\\.evil.example");
    check("awww.fine", "awww.fine");
  }

  @Test
  public void blockMarkersAreEscapedOnlyAtTheStart() {
    check("- item", "\\- item");
    check("+ item", "\\+ item");
    check("  = underline", "  \\= underline");
    check("1. ordered", "1\\. ordered");
    check("12) ordered", "12\\) ordered");
    check("# heading", "\\# heading");
    check("> quote", "&gt; quote");
    check("a - b. 1. c", "a - b. 1. c");
  }

  @Test
  public void outputIsOneLineWithoutControls() {
    check("a\nb\r\nc\rd", "a⏎b⏎c⏎d");
    check("a\tb\u0000c\u001b[31md\u202Ee", "a bc\\[31mde");
  }
}
