package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.priority.PriorityLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * A report of a window with more clusters than it may list: the top clusters in ranking order, one
 * line counting the others, and totals, cascades and actions of the whole window. A window with no
 * more clusters than the cap renders exactly as an uncapped report.
 */
public class CappedReportTest {
  private static final ReportRenderer RENDERER = new ReportRenderer();
  private static final Instant GENERATED = Instant.parse("2025-09-16T02:05:00Z");

  private static String render(int max, List<ClusterRow> rows) {
    WindowDigest d = ManyClusters.digest(max, rows, 50_000);
    return RENDERER.render(
        ManyClusters.report(
            d, ManyClusters.SERVICE, ManyClusters.START, ManyClusters.END, GENERATED));
  }

  private static List<String> tableIds(String md) {
    return Arrays.stream(md.split("\n"))
        .filter(l -> l.matches("^\\| \\d+ \\|.*"))
        .map(l -> l.split(" \\| ")[3])
        .collect(Collectors.toList());
  }

  @Test
  public void listsExactlyTheTopClustersInRankingOrder() {
    List<ClusterRow> rows = ManyClusters.rows(120);
    String md = render(20, rows);
    List<String> expected =
        ClusterRanking.rank(rows).subList(0, 20).stream()
            .map(r -> r.signatureId())
            .collect(Collectors.toList());
    assertThat(tableIds(md), equalTo(expected));
    long sections = Arrays.stream(md.split("\n")).filter(l -> l.startsWith("## Cluster ")).count();
    assertThat(sections, equalTo(20L));
  }

  @Test
  public void saysHowManyClustersAndEntriesWereLeftOutByPriority() {
    // 8 clusters, P0..P3 twice; the top 3 are both P0 and the bigger P1.
    List<ClusterRow> rows =
        List.of(
            ManyClusters.row("a", "P0", 10).build(), ManyClusters.row("b", "P0", 9).build(),
            ManyClusters.row("c", "P1", 8).build(), ManyClusters.row("d", "P1", 7).build(),
            ManyClusters.row("e", "P2", 1_500).build(), ManyClusters.row("f", "P2", 5).build(),
            ManyClusters.row("g", "P3", 4).build(), ManyClusters.row("h", "P3", 3).build());
    String md = render(3, rows);
    assertThat(
        md,
        containsString(
            "\n\n… and 5 more clusters (1,519 entries: P1 1 cluster, 7 entries;"
                + " P2 2 clusters, 1,505 entries; P3 2 clusters, 7 entries) — query the cluster table for"
                + " all of them\n"));
  }

  @Test
  public void summaryTotalsCoverTheWholeWindow() {
    List<ClusterRow> rows = ManyClusters.rows(120);
    String md = render(20, rows);
    List<String> lines = Arrays.asList(md.split("\n"));
    ClusterTally t = ClusterTally.of(rows);
    assertThat(lines, hasItem("- **Clusters:** 120"));
    assertThat(
        lines,
        hasItem(
            "- **Errors/warnings kept:** "
                + String.format(java.util.Locale.ROOT, "%,d", t.totalEntries())));
    assertThat(lines, hasItem("- **Entries read:** 50,000"));
    assertThat(
        lines,
        hasItem(
            "- **P2:** 30 clusters, "
                + String.format(java.util.Locale.ROOT, "%,d", t.entries(2))
                + " entries"));
  }

  @Test
  public void cascadeChainsRootCausesAndActionsNameClustersThatAreNotListed() {
    List<ClusterRow> rows = new ArrayList<>(ManyClusters.rows(40));
    rows.add(ManyClusters.row("sig-root", "P3", 2).cascadeId("cas-1").build());
    rows.add(
        ManyClusters.row("sig-symptom", "P0", 5_000)
            .cascadeId("cas-1")
            .rootCauseSignatureId("sig-root")
            .cascadeParentSignatureId("sig-root")
            .cascadeEvidence("follows it on 3 instances")
            .build());
    String md = render(5, rows);
    assertThat(tableIds(md), not(hasItem("sig-root")));
    assertThat(
        md,
        containsString(
            "- **Chain:** sig-root (Failure in step sig-root: &lt;\\*&gt;)" + " → sig-symptom"));
    assertThat(md, containsString("- **Root cause:** sig-root (Failure in step sig-root"));
    assertThat(md, containsString("P3 — fix the root cause sig-root"));
  }

  @Test
  public void actionsCountTheHighPriorityClustersThatAreNotListed() {
    List<ClusterRow> rows = ManyClusters.rows(100); // 25 P0, 25 P1, 50 P2/P3
    String md = render(10, rows);
    List<String> shown = tableIds(md);
    assertThat(shown, hasSize(10));
    long high =
        rows.stream()
            .filter(r -> r.priority() == PriorityLevel.P0 || r.priority() == PriorityLevel.P1)
            .count();
    long highEntries =
        rows.stream()
            .filter(r -> r.priority() == PriorityLevel.P0 || r.priority() == PriorityLevel.P1)
            .mapToLong(r -> r.count())
            .sum();
    long shownEntries =
        ClusterRanking.rank(rows).subList(0, 10).stream().mapToLong(r -> r.count()).sum();
    assertThat(
        md,
        containsString(
            "P0–P1 — "
                + (high - 10)
                + " more clusters ("
                + (highEntries - shownEntries)
                + " entries) not listed in this report"));
    long low = rows.size() - high;
    long lowEntries = rows.stream().mapToLong(r -> r.count()).sum() - highEntries;
    assertThat(
        md,
        containsString(
            "P2–P3 — " + low + " clusters (" + lowEntries + " entries) for regular maintenance"));
  }

  @Test
  public void aWindowWithNoMoreClustersThanTheCapRendersAsBefore() {
    ServiceWindowReport seed = SeedReport.report();
    String before = RENDERER.render(seed);
    for (int max : new int[] {7, 50}) {
      WindowDigest d = ManyClusters.digest(max, seed.clusters(), seed.entriesRead());
      String after =
          RENDERER.render(
              ManyClusters.report(
                  d, seed.service(), seed.windowStart(), seed.windowEnd(), seed.generatedAt()));
      assertThat(after, equalTo(before));
      assertThat(after, not(containsString("more cluster")));
    }
  }
}
