package dev.loggardener.pipeline.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.LatestRows;
import dev.loggardener.pipeline.LogGardenerPipelineTest;
import dev.loggardener.pipeline.RunSummary;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * {@code gardener synthetic-counts} says, from the generator alone, what a {@code
 * --source=synthetic} run must count: the soak (scripts/soak.sh) checks its rows against it.
 */
public class SyntheticCountsCommandTest {
  private static Map<String, JsonNode> counts(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int rc =
        SyntheticCountsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), err);
    assertThat(rc, is(0));
    Map<String, JsonNode> byKey = new TreeMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode n = new ObjectMapper().readTree(line);
      byKey.put(n.get("window_start").asText() + " " + n.get("service").asText(), n);
    }
    return byKey;
  }

  @Test
  public void countsEveryEntryOncePerWindowAndService() throws Exception {
    // 90 s at 10/s in 1-minute windows: 600 entries in the first window, 300 in the second.
    Map<String, JsonNode> c =
        counts(
            "--durationSeconds=90",
            "--ratePerSecond=10",
            "--syntheticServices=3",
            "--windowMinutes=1",
            "--errorRatio=0.5",
            "--signatures=20");
    assertThat(c.size(), is(6));
    assertThat(
        c.get("2025-09-16T00:00:00Z netra-backend-staging-2").get("entries").asLong(), is(200L));
    assertThat(
        c.get("2025-09-16T00:01:00Z netra-backend-staging-3").get("entries").asLong(), is(100L));
    SyntheticLogEntries s = SyntheticLogEntries.of(20250916L, 20, 0.5, 10, 3);
    long errors = 0;
    for (long i = 0; i < 900; i++) {
      errors += s.kind(i) != SyntheticLogEntries.Kind.NORMAL ? 1 : 0;
    }
    long counted = c.values().stream().mapToLong(n -> n.get("warnings_and_errors").asLong()).sum();
    assertThat(counted, is(errors));
  }

  /** A small synthetic stream on the DirectRunner: its rows and run summary. */
  private record SyntheticRun(List<ClusterRow> rows, RunSummary summary) {
    static SyntheticRun of(int postAggregationBatchSeconds) {
      try {
        Path out = Files.createTempDirectory("synthetic-counts");
        LogGardenerOptions o = LogGardenerPipelineTest.options("unused", out);
        o.setSource("synthetic");
        o.setRatePerSecond(100);
        o.setDurationSeconds(3);
        o.setSyntheticServices(2);
        o.setSignatures(20);
        o.setErrorRatio(0.5);
        o.setPostAggregationBatchSeconds(postAggregationBatchSeconds);
        RunSummary summary = LogGardenerPipelineTest.run(o);
        return new SyntheticRun(LogGardenerPipelineTest.rows(out), summary);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** Each cluster's latest row in its lineage, as {@code clusters_latest} keeps it. */
    List<ClusterRow> latest() {
      return LatestRows.perLineage(rows);
    }

    Map<String, Long> countsByService() {
      Map<String, Long> counts = new TreeMap<>();
      for (ClusterRow r : latest()) {
        counts.merge(r.service(), r.count(), Long::sum);
      }
      return counts;
    }
  }

  /** With the default batching, run once for the tests below. */
  private static final class Batched {
    static final SyntheticRun RUN = SyntheticRun.of(10);
  }

  /**
   * Grouping a window at every bundle ({@code --postAggregationBatchSeconds=0}): the most firings,
   * early rows and tombstones a stream can make; run once for the tests below.
   */
  private static final class EveryBundle {
    static final SyntheticRun RUN = SyntheticRun.of(0);
  }

  private static Map<String, Long> generatorCounts() throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    counts(
            "--durationSeconds=3",
            "--ratePerSecond=100",
            "--syntheticServices=2",
            "--signatures=20",
            "--errorRatio=0.5")
        .values()
        .forEach(
            n -> expected.put(n.get("service").asText(), n.get("warnings_and_errors").asLong()));
    assertThat(expected.size(), is(2));
    return expected;
  }

  /**
   * Rows are read as {@code clusters_latest} reads them (docs/streaming.md): the latest row of each
   * cluster in its lineage counts, and a cluster may leave more than one closing row (a firing
   * after the closing pane goes on from the window's state with the next {@code emit_seq}).
   */
  @Test
  public void theLatestRowsOfASyntheticStreamAddUpToTheGeneratorsCounts() throws Exception {
    assertThat(Batched.RUN.countsByService(), equalTo(generatorCounts()));
  }

  @Test
  public void theLatestRowsAddUpWhenEveryBundleIsGroupedAtOnce() throws Exception {
    assertThat(EveryBundle.RUN.countsByService(), equalTo(generatorCounts()));
  }

  /**
   * A tombstone is the one latest row that need not be final: it says its cluster's entries are
   * counted under a group learned after the cluster's early rows left, and nothing follows it.
   */
  @Test
  public void everyClustersLatestRowOfAFinishedStreamIsFinalOrATombstone() {
    for (SyntheticRun run : List.of(Batched.RUN, EveryBundle.RUN)) {
      assertThat(
          run.latest().stream().filter(r -> !r.isFinal() && !r.isTombstone()).count(), is(0L));
    }
  }

  /** Closing rows leave the stateful steps after the watermark passed their window's end. */
  @Test
  public void noRowOfASyntheticStreamIsDroppedAsLate() {
    assertThat(Batched.RUN.summary().get("dropped_too_late"), is(0L));
    assertThat(EveryBundle.RUN.summary().get("dropped_too_late"), is(0L));
  }

  @Test
  public void theRunSummaryCountsTheRowsWrittenTombstonesIncluded() {
    for (SyntheticRun run : List.of(Batched.RUN, EveryBundle.RUN)) {
      assertThat(run.summary().get(GardenerCounters.CLUSTER_ROWS), is((long) run.rows().size()));
      assertThat(
          run.summary().get(GardenerCounters.CLUSTER_ROWS_SUPERSEDED),
          is(run.rows().stream().filter(ClusterRow::isTombstone).count()));
    }
  }

  @Test
  public void theRunSummaryTellsRowsWrittenFromSignatureRowsBeforeGrouping() {
    RunSummary summary = Batched.RUN.summary();
    assertThat(summary.get(GardenerCounters.SIGNATURES_GROUPED), greaterThan(0L));
    assertThat(
        summary.get(GardenerCounters.SIGNATURE_ROWS),
        greaterThan((long) Batched.RUN.rows().size()));
  }
}
