package dev.loggardener.markdown;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

public class MarkdownCodeTest {

  @Test
  public void codeSpanUsesALongerRunThanItsContent() {
    assertThat(MarkdownCode.codeSpan("plain"), equalTo("`plain`"));
    assertThat(MarkdownCode.codeSpan("a ` b"), equalTo("``a ` b``"));
    assertThat(MarkdownCode.codeSpan("a ``` b `` c"), equalTo("````a ``` b `` c````"));
  }

  @Test
  public void codeSpanPadsWhereCommonMarkWouldMisreadTheEdges() {
    assertThat(MarkdownCode.codeSpan("`x`"), equalTo("`` `x` ``"));
    assertThat(MarkdownCode.codeSpan("x`"), equalTo("`` x` ``"));
    assertThat(MarkdownCode.codeSpan(" x "), equalTo("`  x  `"));
    assertThat(MarkdownCode.codeSpan(" x"), equalTo("` x`"));
  }

  @Test
  public void codeSpanIsOneLine() {
    assertThat(MarkdownCode.codeSpan("a\n# b\r\nc"), equalTo("`a⏎# b⏎c`"));
    assertThat(MarkdownCode.codeSpan(""), equalTo("*(empty)*"));
    assertThat(MarkdownCode.codeSpan(null), equalTo("*(empty)*"));
  }

  @Test
  public void fenceIsLongerThanAnyRunInside() {
    assertThat(MarkdownCode.fencedBlock("x", "text"), equalTo("```text\nx\n```"));
    assertThat(MarkdownCode.fencedBlock("a\n```\nb", "text"), equalTo("````text\na\n```\nb\n````"));
    assertThat(MarkdownCode.fencedBlock("``````", ""), equalTo("```````\n``````\n```````"));
    assertThat(MarkdownCode.fencedBlock("x\n", null), equalTo("```\nx\n```"));
    assertThat(MarkdownCode.fencedBlock("", "text"), equalTo("```text\n```"));
  }

  @Test
  public void fencedBlockNormalisesLineEndsAndSanitisesInfo() {
    assertThat(
        MarkdownCode.fencedBlock("a\r\nb\rc\u0000\td", "te`x t"),
        equalTo("```text\na\nb\nc\td\n```"));
  }
}
