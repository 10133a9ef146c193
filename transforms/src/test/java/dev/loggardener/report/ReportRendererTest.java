package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.github.mustachejava.MustacheException;
import dev.loggardener.cluster.ClusterRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

public class ReportRendererTest {

  private static final ReportRenderer RENDERER = new ReportRenderer();

  @Test
  public void seedReportHasTitlePaneAndSummary() {
    String md = RENDERER.render(SeedReport.report());
    List<String> lines = Arrays.asList(md.split("\n"));
    assertThat(
        lines.get(0),
        equalTo(
            "# Log Gardener — netra-backend-staging — 2025-09-16T00:00:00Z to 2025-09-16T01:00:00Z"));
    assertThat(md, containsString("Pane 0 (ON_TIME, final)"));
    assertThat(lines, hasItem("## Collection Summary"));
    assertThat(lines, hasItem("- **Entries read:** 1,000"));
    assertThat(lines, hasItem("- **Errors/warnings kept:** 125"));
    assertThat(lines, hasItem("- **Clusters:** 7"));
    assertThat(lines, hasItem("- **P0:** 3 clusters, 69 entries"));
    assertThat(lines, hasItem("- **P1:** 1 cluster, 15 entries"));
    assertThat(lines, hasItem("- **P2:** 1 cluster, 11 entries"));
    assertThat(lines, hasItem("- **P3:** 2 clusters, 30 entries"));
    assertThat(
        lines,
        hasItem(
            "| 1 | P0 | 45 | sig-module | Middleware setup failure details:"
                + " ModuleNotFoundError: No module named '&lt;\\*&gt;' |"));
  }

  @Test
  public void clusterSectionsAppearInRankOrder() {
    String md = RENDERER.render(SeedReport.report());
    List<String> headings =
        Arrays.stream(md.split("\n"))
            .filter(l -> l.startsWith("## Cluster "))
            .collect(Collectors.toList());
    assertThat(
        headings,
        contains(
            startsWith("## Cluster 1: P0 — Middleware setup failure details"),
            startsWith("## Cluster 2: P0 — CRITICAL: Enhanced middleware setup failed"),
            equalTo("## Cluster 3: P0 — Container called exit(&lt;\\*&gt;)."),
            startsWith("## Cluster 4: P1 — Traceback (most recent call last)"),
            startsWith("## Cluster 5: P2 — The request failed because"),
            startsWith("## Cluster 6: P3 — Sentry SDK not available"),
            startsWith("## Cluster 7: P3 — SERVICE_ID contained whitespace")));
    // Table rows follow the same order.
    List<String> ids =
        Arrays.stream(md.split("\n"))
            .filter(l -> l.matches("^\\| \\d+ \\|.*"))
            .map(l -> l.split(" \\| ")[3])
            .collect(Collectors.toList());
    assertThat(
        ids,
        contains(
            "sig-module",
            "sig-middleware",
            "sig-exit",
            "sig-traceback",
            "sig-http",
            "sig-sentry",
            "sig-serviceid"));
  }

  @Test
  public void clusterSectionHasAllFields() {
    String md = RENDERER.render(SeedReport.report());
    String section = md.substring(md.indexOf("## Cluster 3:"), md.indexOf("## Cluster 4:"));
    assertThat(section, containsString("- **Pattern:** `Container called exit(<*>).`\n"));
    assertThat(section, containsString("- **Count:** 9\n"));
    assertThat(section, containsString("- **Severity:** WARNING\n"));
    assertThat(
        section,
        containsString(
            "- **Priority reason:** P0: container exit signal"
                + " \"Container called exit(3)\" (non-zero exit code) in a WARNING cluster\n"));
    assertThat(section, containsString("- **First seen:** 2025-09-16T00:43:10Z\n"));
    assertThat(section, containsString("- **Last seen:** 2025-09-16T01:42:21Z\n"));
    assertThat(
        section,
        containsString(
            "- **Revisions:** netra-backend-staging-00421-abc, netra-backend-staging-00422-xyz\n"));
    assertThat(section, containsString("- **Instances:** 3\n"));
    assertThat(
        section,
        containsString(
            "- **Log names:** projects/netra-staging/logs/run.googleapis.com%2Fstderr\n"));
    assertThat(section, containsString("- **Signature id:** sig-exit (v1)\n"));
    assertThat(section, containsString("```text\nContainer called exit(3).\n```\n"));
    assertThat(section, containsString("- **insertId:** 68c8be12000a1b2c3d4e5f60\n"));
    assertThat(
        section,
        containsString(
            "- **trace:** projects/netra-staging/traces/4bf92f3577b34da6a3ce929d0e0e4736\n"));
  }

  /** A group of several signatures shows its template and id, and says what it holds. */
  @Test
  public void aGroupRowShowsItsTemplateIdAndMembers() {
    dev.loggardener.cluster.ClusterRow group =
        SeedReport.row(
                "sig-alice",
                dev.loggardener.model.Severity.ERROR,
                30,
                "01:30:00",
                "user alice logged out after idle timeout",
                "user alice logged out after idle timeout")
            .toBuilder()
            .groupId("grp-users")
            .groupTemplate("user <*> logged out after idle timeout")
            .groupMemberIds(List.of("sig-alice", "sig-bob", "sig-carol"))
            .build();
    ServiceWindowReport one =
        ServiceWindowReport.builder()
            .service(SeedReport.SERVICE)
            .resourceType("cloud_run_revision")
            .windowStart(SeedReport.START)
            .windowEnd(SeedReport.END)
            .paneIndex(0)
            .paneTiming("ON_TIME")
            .isFinal(true)
            .entriesRead(30)
            .entriesKept(30)
            .clusters(List.of(group))
            .build();
    String md = RENDERER.render(one);
    assertThat(
        md, containsString("| grp-users | user &lt;\\*&gt; logged out after idle timeout |"));
    assertThat(md, containsString("- **Pattern:** `user <*> logged out after idle timeout`\n"));
    assertThat(md, containsString("- **Signature id:** grp-users (v1)\n"));
    assertThat(
        md,
        containsString(
            "- **Group of:** 3 signatures, heaviest sig-alice: `user alice logged out after idle timeout`\n"));
    // a group of one (every seed row) has no such line
    assertFalse(RENDERER.render(SeedReport.report()).contains("**Group of:**"));
  }

  @Test
  public void multiLineSampleIsKeptVerbatimInItsBlock() {
    MarkdownScan scan = MarkdownScan.of(RENDERER.render(SeedReport.report()));
    assertFalse(scan.unclosedBlock);
    assertThat(scan.blocks.size(), equalTo(7));
    assertThat(scan.blocks.get(3), equalTo(SeedReport.GUNICORN_TRACEBACK + "\n"));
  }

  @Test
  public void notFinalPaneSaysSo() {
    ServiceWindowReport r =
        reportWith(List.of()).paneIndex(2).paneTiming("EARLY").isFinal(false).build();
    assertThat(
        RENDERER.render(r), containsString("Pane 2 (EARLY, not final, counts may still grow)"));
  }

  @Test
  public void emptyClusterListSaysNothingWasKept() {
    String md = RENDERER.render(reportWith(List.of()).entriesKept(0).build());
    assertThat(md, containsString("\nNo errors or warnings kept in this window.\n"));
    assertThat(md, containsString("- **Clusters:** 0\n"));
    assertThat(md, containsString("- **P0:** 0 clusters, 0 entries\n"));
    assertThat(md, not(containsString("| Rank |")));
    assertThat(md, not(containsString("## Cluster ")));
  }

  @Test
  public void longSampleIsCappedWithANote() {
    String big = "x".repeat(ReportView.SAMPLE_CHAR_LIMIT + 500);
    ClusterRow row =
        SeedReport.base()
            .signatureId("big")
            .signature("big <*>")
            .priority("P2")
            .severity("ERROR")
            .count(1)
            .sampleMessage(big)
            .build();
    String md = RENDERER.render(reportWith(List.of(row)).build());
    MarkdownScan scan = MarkdownScan.of(md);
    assertThat(scan.blocks.get(0).length(), equalTo(ReportView.SAMPLE_CHAR_LIMIT + 1));
    assertThat(md, containsString("*Sample truncated to the first 4,000 of 4,500 characters.*"));
  }

  @Test
  public void emptySampleAndMissingFieldsRenderPlaceholders() {
    ClusterRow row =
        ClusterRow.builder()
            .windowStart(SeedReport.START)
            .windowEnd(SeedReport.END)
            .signatureId("empty")
            .count(169)
            .severity("ERROR")
            .build();
    String md = RENDERER.render(reportWith(List.of(row)).generatedAt(null).build());
    assertThat(md, containsString("## Cluster 1: unranked — \n"));
    assertThat(md, containsString("- **Pattern:** *(empty)*\n"));
    assertThat(md, containsString("*(empty message)*\n"));
    assertThat(md, containsString("- **First seen:** unknown\n"));
    assertThat(md, containsString("- **Revisions:** —\n"));
    assertThat(md, containsString("- **unranked:** 1 cluster, 169 entries\n"));
    assertThat(md, not(containsString("generated")));
    assertThat(MarkdownScan.of(md).blocks.size(), equalTo(0));
  }

  @Test
  public void longRevisionListsAreCut() {
    List<String> revs = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      revs.add("rev-" + i);
    }
    ClusterRow row =
        SeedReport.base().signatureId("r").priority("P2").count(1).revisions(revs).build();
    assertThat(
        RENDERER.render(reportWith(List.of(row)).build()),
        containsString("rev-8, rev-9 and 3 more\n"));
  }

  @Test
  public void userTemplateFileOverridesDefault() throws Exception {
    ReportRenderer custom = ReportRenderer.fromTemplateFile(resource("report/custom.md.mustache"));
    String md = custom.render(SeedReport.report());
    assertThat(md, startsWith("CUSTOM netra-backend-staging 7 clusters\n"));
    assertThat(md, containsString("1. P0 sig-module `Middleware setup failure details:"));
    assertThat(md, containsString("7. P3 sig-serviceid "));
    assertThat(custom.templateName(), containsString("custom.md.mustache"));
  }

  @Test
  public void userTemplateStillEscapesDoubleBraceTags() {
    ReportRenderer custom = ReportRenderer.fromTemplateText("inline", "{{service}}|{{{service}}}");
    String md = custom.render(reportWith(List.of()).service("[x](http://e)").build());
    assertThat(md, equalTo("\\[x\\]\\(http\\://e)|[x](http://e)"));
  }

  @Test
  public void missingOrBrokenTemplateFailsAtConstruction() {
    assertThrows(
        UncheckedIOException.class,
        () -> ReportRenderer.fromTemplateFile(Paths.get("/nonexistent/report.md.mustache")));
    assertThrows(
        MustacheException.class,
        () -> ReportRenderer.fromTemplateText("broken", "{{#clusters}}never closed"));
  }

  @Test
  public void rendererSurvivesSerializationAndRecompiles() throws Exception {
    ReportRenderer custom = ReportRenderer.fromTemplateText("t", "{{service}} {{clusterCount}}");
    ReportRenderer copy = roundTrip(custom);
    assertThat(copy.render(SeedReport.report()), equalTo("netra-backend-staging 7"));
    assertThat(
        roundTrip(RENDERER).render(SeedReport.report()),
        equalTo(RENDERER.render(SeedReport.report())));
  }

  @Test
  public void reportSurvivesSerialization() throws Exception {
    ServiceWindowReport r = SeedReport.report();
    assertThat(roundTrip(r), equalTo(r));
  }

  @Test
  public void renderingIsDeterministic() {
    ServiceWindowReport r = SeedReport.report();
    List<ClusterRow> reversed = new ArrayList<>(r.clusters());
    java.util.Collections.reverse(reversed);
    ServiceWindowReport shuffled =
        reportWith(reversed)
            .entriesRead(1000)
            .entriesKept(125)
            .generatedAt(r.generatedAt())
            .build();
    assertThat(RENDERER.render(shuffled), equalTo(RENDERER.render(r)));
  }

  @Test
  public void builderDefaultsAndRequiredFields() {
    ServiceWindowReport r =
        ServiceWindowReport.builder()
            .windowStart(SeedReport.START)
            .windowEnd(SeedReport.END)
            .build();
    assertThat(r.paneTiming(), equalTo("UNKNOWN"));
    assertThat(r.service(), equalTo(""));
    assertTrue(r.clusters().isEmpty());
    assertThrows(
        NullPointerException.class,
        () -> ServiceWindowReport.builder().windowStart(SeedReport.START).build());
    assertThrows(
        UnsupportedOperationException.class, () -> SeedReport.report().clusters().add(null));
  }

  static ServiceWindowReport.Builder reportWith(List<ClusterRow> rows) {
    return ServiceWindowReport.builder()
        .service(SeedReport.SERVICE)
        .resourceType("cloud_run_revision")
        .windowStart(SeedReport.START)
        .windowEnd(SeedReport.END)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .entriesRead(10)
        .entriesKept(rows.stream().mapToLong(c -> c.count()).sum())
        .clusters(rows);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Paths.get(ReportRendererTest.class.getClassLoader().getResource(name).toURI());
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
