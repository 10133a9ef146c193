package dev.loggardener.pipeline.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
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

  /** One small synthetic stream on the DirectRunner, run once for the tests below. */
  private static final class SyntheticRun {
    static final List<ClusterRow> ROWS;
    static final RunSummary SUMMARY;

    static {
      try {
        Path out = Files.createTempDirectory("synthetic-counts");
        LogGardenerOptions o = LogGardenerPipelineTest.options("unused", out);
        o.setSource("synthetic");
        o.setRatePerSecond(100);
        o.setDurationSeconds(3);
        o.setSyntheticServices(2);
        o.setSignatures(20);
        o.setErrorRatio(0.5);
        SUMMARY = LogGardenerPipelineTest.run(o);
        ROWS = LogGardenerPipelineTest.rows(out);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * Rows are read as {@code clusters_latest} reads them (docs/streaming.md): the latest row of each
   * cluster in its lineage counts, and a cluster may leave more than one closing row (a firing
   * after the closing pane goes on from the window's state with the next {@code emit_seq}).
   */
  @Test
  public void theLatestRowsOfASyntheticStreamAddUpToTheGeneratorsCounts() throws Exception {
    Map<String, ClusterRow> latest = new TreeMap<>();
    for (ClusterRow r : SyntheticRun.ROWS) {
      latest.merge(
          r.windowStart() + "|" + r.service() + "|" + r.clusterId() + "|" + r.runId(),
          r,
          (a, b) -> a.emitSeq() >= b.emitSeq() ? a : b);
    }
    Map<String, Long> latestCounts = new TreeMap<>();
    for (ClusterRow r : latest.values()) {
      latestCounts.merge(r.service(), r.count(), Long::sum);
    }
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
    assertThat(latestCounts, equalTo(expected));
    assertThat(expected.size(), is(2));
  }

  @Test
  public void everyClustersLatestRowOfAFinishedStreamIsFinal() {
    Map<String, ClusterRow> latest = new TreeMap<>();
    for (ClusterRow r : SyntheticRun.ROWS) {
      latest.merge(
          r.windowStart() + "|" + r.service() + "|" + r.clusterId() + "|" + r.runId(),
          r,
          (a, b) -> a.emitSeq() >= b.emitSeq() ? a : b);
    }
    assertThat(latest.values().stream().filter(r -> !r.isFinal()).count(), is(0L));
  }

  @Test
  public void theRunSummaryCountsTheRowsWrittenNotTheSignaturesBeforeGrouping() {
    assertThat(SyntheticRun.SUMMARY.get(GardenerCounters.SIGNATURES_GROUPED), greaterThan(0L));
    assertThat(
        SyntheticRun.SUMMARY.get(GardenerCounters.CLUSTER_ROWS),
        is((long) SyntheticRun.ROWS.size()));
    assertThat(
        SyntheticRun.SUMMARY.get(GardenerCounters.SIGNATURE_ROWS),
        greaterThan((long) SyntheticRun.ROWS.size()));
  }
}
