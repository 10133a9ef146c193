package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertFalse;

import dev.loggardener.cluster.ClusterRow;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Log text is attacker-controlled. These tests render reports whose every log-derived field is
 * hostile and then read the output the way a markdown renderer would (see {@link MarkdownScan}).
 */
public class HostileInputTest {

  static final String HOSTILE_SAMPLE =
      "before ``` inside\n"
          + "````\n"
          + "```\n"
          + "</details><script>alert(1)</script>\n"
          + "[click](http://evil)\n"
          + "![x](http://img)\n"
          + "# heading\n"
          + "| a | b |\n"
          + "~~~\n"
          + "   `````\n"
          + "end";

  static final String HOSTILE_PATTERN =
      "`code` and ``` fence [click](http://evil) <script>x</script>\n# heading ![x](http://img)";

  private static final String SERVICE =
      "evil\n# Injected heading [x](http://evil) <img src=x onerror=alert(1)> & | pipe";

  private final ReportRenderer renderer = new ReportRenderer();

  private String render() {
    ClusterRow hostile =
        SeedReport.base()
            .service(SERVICE)
            .signatureId("id|with|pipes")
            .signature(HOSTILE_PATTERN)
            .severity("ERROR</td>")
            .priority("P1")
            .priorityReason("</details><script>alert(2)</script> [r](http://evil)")
            .count(7)
            .sampleMessage(HOSTILE_SAMPLE)
            .sampleInsertId("`x` [i](http://evil)")
            .sampleTrace("[t](javascript:alert(1))")
            .revisions(List.of("rev|1", "- item", "1. ordered"))
            .logNames(List.of("![img](http://img)", "www.evil.example"))
            .build();
    ClusterRow backticksOnly =
        SeedReport.base()
            .signatureId("ticks")
            .signature("`````")
            .priority("P2")
            .count(1)
            .sampleMessage("`````")
            .build();
    ClusterRow crlf =
        SeedReport.base()
            .signatureId("crlf")
            .signature("a\r\n```\r\nb")
            .priority("P3")
            .count(1)
            .sampleMessage("line1\r\n```\r\n# not a heading\rline3")
            .build();
    ServiceWindowReport r =
        ReportRendererTest.reportWith(List.of(hostile, backticksOnly, crlf))
            .service(SERVICE)
            .resourceType("cloud_run_revision\n## also not a heading")
            .paneTiming("ON_TIME<script>")
            .build();
    return renderer.render(r);
  }

  @Test
  public void everyFencedBlockClosesWhereExpected() {
    MarkdownScan scan = MarkdownScan.of(render());
    assertFalse("a fenced block ran to the end of the document", scan.unclosedBlock);
    assertThat(scan.blocks.size(), equalTo(3));
    assertThat(scan.blocks.get(0), equalTo(HOSTILE_SAMPLE + "\n"));
    assertThat(scan.blocks.get(1), equalTo("`````\n"));
    assertThat(scan.blocks.get(2), equalTo("line1\n```\n# not a heading\nline3\n"));
  }

  @Test
  public void patternsStayInsideTheirCodeSpans() {
    MarkdownScan scan = MarkdownScan.of(render());
    assertThat(
        scan.spans,
        hasItem(
            "`code` and ``` fence [click](http://evil) <script>x</script>⏎# heading ![x](http://img)"));
    assertThat(scan.spans, hasItem("`````"));
    assertThat(scan.spans, hasItem("a⏎```⏎b"));
  }

  @Test
  public void proseHasNoHtmlLinksImagesOrAutolinks() {
    String prose = MarkdownScan.of(render()).proseText();
    assertThat(prose, not(containsString("<")));
    assertThat(prose, not(containsString("http://")));
    assertThat(prose, containsString("\\[t\\]\\(javascript:alert(1))"));
    assertThat(prose, not(containsString("](")));
    assertThat(prose, not(containsString("www.")));
    // Every '[' outside code is backslash-escaped, so no link or image can open.
    Matcher m = Pattern.compile("(?<!\\\\)\\[").matcher(prose);
    assertFalse("unescaped [ in: " + prose, m.find());
    assertThat(prose, containsString("&lt;img src=x onerror=alert(1)&gt; &amp; \\| pipe"));
  }

  @Test
  public void onlyTheTemplateMakesHeadings() {
    MarkdownScan scan = MarkdownScan.of(render());
    List<String> headings =
        scan.prose.stream()
            .filter(l -> l.matches("^ {0,3}#{1,6}( .*|$)"))
            .collect(java.util.stream.Collectors.toList());
    assertThat(headings.size(), equalTo(1 + 1 + 3 + 1)); // title, summary, three clusters, actions
    assertThat(
        headings.get(0),
        containsString("# Log Gardener — evil⏎\\# Injected heading \\[x\\]\\(http\\://evil)"));
    // No prose line may begin with a list marker, quote or ordered-list number from log text.
    for (String line : scan.prose) {
      assertFalse(line, line.matches("^(evil|\\d+\\. ordered|&gt;).*"));
    }
  }

  @Test
  public void tableRowsKeepTheirColumnCount() {
    MarkdownScan scan = MarkdownScan.of(render());
    List<String> rows =
        scan.prose.stream()
            .filter(l -> l.startsWith("| "))
            .collect(java.util.stream.Collectors.toList());
    assertThat(rows.size(), equalTo(4)); // header + three clusters
    for (String row : rows) {
      long unescapedPipes = Pattern.compile("(?<!\\\\)\\|").matcher(row).results().count();
      assertThat(row, unescapedPipes, equalTo(6L));
    }
  }

  @Test
  public void controlAndBidiCharactersAreDropped() {
    ServiceWindowReport r =
        ReportRendererTest.reportWith(List.of())
            .service("a\u0000b\u001bc\u202Ed\u2066e\u0007")
            .build();
    String md = renderer.render(r);
    assertThat(md, containsString("# Log Gardener — abcde — "));
  }
}
