package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import dev.loggardener.cluster.ClusterRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/** What a window's digest keeps: the top rows, exact totals and cascade rows, in bounded space. */
public class WindowDigestTest {

  @Test
  public void keepsExactlyTheTopRowsInRankingOrder() {
    List<ClusterRow> rows = ManyClusters.rows(300);
    WindowDigest d = ManyClusters.digest(20, rows, 0);
    assertThat(d.shownRows(), equalTo(ClusterRanking.rank(rows).subList(0, 20)));
  }

  @Test
  public void totalsCoverEveryClusterNotOnlyTheShownOnes() {
    List<ClusterRow> rows = ManyClusters.rows(300);
    WindowDigest d = ManyClusters.digest(20, rows, 5_000);
    assertThat(d.tally(), equalTo(ClusterTally.of(rows)));
    assertThat(d.tally().totalClusters(), is(300L));
    assertThat(d.tally().totalEntries(), is(rows.stream().mapToLong(r -> r.count()).sum()));
    assertThat(d.tally().clusters(2), is(75L));
    assertThat(d.entriesRead(), is(5_000L));
  }

  @Test
  public void splittingTheInputAnyWayAndMergingInAnyOrderGivesTheSameDigest() throws Exception {
    List<ReportInput> inputs = new ArrayList<>();
    ManyClusters.rows(400).forEach(r -> inputs.add(ReportInput.row(r, null)));
    inputs.add(ReportInput.entriesRead(900));
    inputs.add(ReportInput.entriesRead(1_000));
    WindowDigest whole = new WindowDigest(25);
    inputs.forEach(whole::add);
    byte[] wholeBytes = CoderUtils.encodeToByteArray(WindowDigestCoder.of(), whole);
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      List<ReportInput> shuffled = new ArrayList<>(inputs);
      Collections.shuffle(shuffled, random);
      List<WindowDigest> parts = new ArrayList<>();
      int i = 0;
      while (i < shuffled.size()) {
        int size = 1 + random.nextInt(60);
        WindowDigest part = new WindowDigest(25);
        shuffled.subList(i, Math.min(i + size, shuffled.size())).forEach(part::add);
        parts.add(part);
        i += size;
      }
      Collections.shuffle(parts, random);
      WindowDigest merged = new WindowDigest(25);
      parts.forEach(merged::merge);
      assertThat(merged, equalTo(whole));
      assertThat(CoderUtils.encodeToByteArray(WindowDigestCoder.of(), merged), equalTo(wholeBytes));
    }
  }

  @Test
  public void aNewerRowOfAClusterReplacesTheOlderOneInTheTopAndInTheTotals() {
    ClusterRow older = ManyClusters.row("sig-a", "P1", 5).paneIndex(0).build();
    ClusterRow newer = ManyClusters.row("sig-a", "P0", 50).paneIndex(1).build();
    ClusterRow other = ManyClusters.row("sig-b", "P2", 7).build();
    ReportInput first = ReportInput.row(older, null);
    ReportInput replacing = ReportInput.row(newer, RowContribution.of(older));
    ReportInput b = ReportInput.row(other, null);

    WindowDigest inOrder = new WindowDigest(10);
    List.of(first, b, replacing).forEach(inOrder::add);
    // The replacing row may reach another partial digest, merged before or after the first.
    WindowDigest late = new WindowDigest(10);
    late.add(replacing);
    WindowDigest early = new WindowDigest(10);
    early.add(first);
    early.add(b);
    late.merge(early);

    for (WindowDigest d : List.of(inOrder, late)) {
      assertThat(d.shownRows(), contains(newer, other));
      assertThat(d.tally(), equalTo(ClusterTally.of(List.of(newer, other))));
    }
  }

  @Test
  public void cascadeRowsOutsideTheTopAreKeptWithoutTheirSamples() {
    List<ClusterRow> rows = new ArrayList<>(ManyClusters.rows(50));
    // A P3 root of 2 entries ranks last; its P0 symptom ranks first.
    rows.add(ManyClusters.row("sig-root", "P3", 2).cascadeId("cas-1").build());
    rows.add(
        ManyClusters.row("sig-symptom", "P0", 5_000)
            .cascadeId("cas-1")
            .rootCauseSignatureId("sig-root")
            .cascadeParentSignatureId("sig-root")
            .build());
    WindowDigest d = ManyClusters.digest(10, rows, 0);
    List<ClusterRow> cascade = d.cascadeRowsNotShown();
    assertThat(
        cascade.stream().map(r -> r.signatureId()).collect(Collectors.toList()),
        contains("sig-root"));
    assertThat(cascade.get(0).sampleMessage(), equalTo(""));
    assertThat(cascade.get(0).cascadeId(), equalTo("cas-1"));
  }

  @Test
  public void aClusterThatLeavesItsCascadeInALaterPaneStaysOutWhicheverOrderPartsMerge() {
    ClusterRow inCascade =
        ManyClusters.row("sig-x", "P3", 3)
            .paneIndex(0)
            .cascadeId("cas-1")
            .rootCauseSignatureId("sig-y")
            .build();
    ClusterRow alone = ManyClusters.row("sig-x", "P3", 4).paneIndex(1).build();
    List<ClusterRow> filler =
        ManyClusters.rows(5).stream()
            .map(r -> r.toBuilder().priority("P0").build())
            .collect(Collectors.toList());
    WindowDigest a = ManyClusters.digest(5, filler, 0);
    a.add(ReportInput.row(alone, RowContribution.of(inCascade)));
    WindowDigest b = new WindowDigest(5);
    b.add(ReportInput.row(inCascade, null));
    b.merge(a);
    assertThat(b.cascadeRowsNotShown(), is(empty()));
    assertThat(b.tally(), equalTo(ClusterTally.of(concat(filler, List.of(alone)))));
  }

  @Test
  public void coderRoundTripsAndIsDeterministic() throws Exception {
    List<ClusterRow> rows = new ArrayList<>(ManyClusters.rows(60));
    rows.add(ManyClusters.row("sig-root", "P3", 2).cascadeId("cas-1").build());
    WindowDigest d = ManyClusters.digest(10, rows, 123);
    CoderProperties.coderDecodeEncodeEqual(WindowDigestCoder.of(), d);
    CoderProperties.coderDeterministic(
        WindowDigestCoder.of(), d, ManyClusters.digest(10, reversed(rows), 123));
    WindowDigestCoder.of().verifyDeterministic();
    CoderProperties.coderDecodeEncodeEqual(ReportInputCoder.of(), ReportInput.entriesRead(7));
    CoderProperties.coderDecodeEncodeEqual(
        ReportInputCoder.of(), ReportInput.row(rows.get(1), RowContribution.of(rows.get(0))));
  }

  @Test
  public void theEncodedDigestDoesNotGrowWithTheNumberOfClusters() throws Exception {
    int hundred =
        CoderUtils.encodeToByteArray(
                WindowDigestCoder.of(), ManyClusters.digest(50, ManyClusters.rows(100), 0))
            .length;
    int tenThousand =
        CoderUtils.encodeToByteArray(
                WindowDigestCoder.of(), ManyClusters.digest(50, ManyClusters.rows(10_000), 0))
            .length;
    // Same number of rows kept; only the counters' values differ.
    assertThat((double) tenThousand, lessThan(hundred * 1.1));
  }

  private static <T> List<T> reversed(List<T> in) {
    List<T> out = new ArrayList<>(in);
    Collections.reverse(out);
    return out;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
