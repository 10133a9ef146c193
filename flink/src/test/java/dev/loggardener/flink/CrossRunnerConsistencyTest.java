package dev.loggardener.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.RunSummary;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The same export gives the same final cluster rows, dead letters and counters on the DirectRunner
 * and on Flink with parallelism 2, with Flink's batch and its streaming translation: 3,000 entries
 * over three hourly windows, 200 tail signatures and a hot one, repeated deliveries, a broken line
 * and 120 tracebacks split one line per entry.
 */
public class CrossRunnerConsistencyTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path export;
  private static Path directOut;
  private static Path flinkOut;
  private static Path flinkStreamingOut;
  private static RunSummary direct;
  private static RunSummary flink;
  private static RunSummary flinkStreaming;

  @BeforeClass
  public static void runBothRunners() throws Exception {
    QuietLogs.warningsOnly();
    export = TMP.getRoot().toPath().resolve("export.ndjson");
    writeExport(export, 3_000);
    directOut = TMP.newFolder("direct").toPath();
    flinkOut = TMP.newFolder("flink").toPath();

    LogGardenerOptions onDirect = options(directOut);
    onDirect.setRunner(DirectRunner.class);
    direct = run(onDirect);

    LogGardenerOptions onFlink = options(flinkOut);
    FlinkPipelineOptions f = onFlink.as(FlinkPipelineOptions.class);
    f.setRunner(FlinkRunner.class);
    f.setFlinkMaster("[local]");
    f.setParallelism(2);
    flink = run(onFlink);

    // Flink's streaming translation of the same bounded input (--streaming=true).
    flinkStreamingOut = TMP.newFolder("flink-streaming").toPath();
    LogGardenerOptions onFlinkStreaming = options(flinkStreamingOut);
    FlinkPipelineOptions fs = onFlinkStreaming.as(FlinkPipelineOptions.class);
    fs.setRunner(FlinkRunner.class);
    fs.setFlinkMaster("[local]");
    fs.setParallelism(2);
    fs.setStreaming(true);
    flinkStreaming = run(onFlinkStreaming);
  }

  /**
   * Synthetic entries over three hours, every 50th delivered twice, and one line that is not JSON.
   */
  static void writeExport(Path file, int n) throws Exception {
    SyntheticLogEntries entries =
        SyntheticLogEntries.spanning(
            42, 200, 0.6, n, Duration.ofHours(3), Instant.parse("2025-09-16T01:00:00Z"));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < n; i++) {
        String line = entries.json(i);
        w.write(line);
        w.newLine();
        if (i % 50 == 0) {
          w.write(line);
          w.newLine();
        }
        if (i == n / 2) {
          w.write("{\"timestamp\": \"2025-09-16T01:00:00Z\", \"textPayload\": ");
          w.newLine();
        }
      }
      for (String line : splitTracebacks()) {
        w.write(line);
        w.newLine();
      }
    }
  }

  static final String[] TRACEBACK = {
    "Traceback (most recent call last):",
    "  File \\\"/app/orders/handlers.py\\\", line 41, in get_order",
    "    conn = pool.getconn()",
    "psycopg2.OperationalError: connection to server failed: timeout expired"
  };

  /**
   * 120 tracebacks printed to stderr or stdout one line per entry by eight instances, each followed
   * by a line no trace has, in shuffled order; one in ten is cut short. A stream's buffered lines
   * then span many gaps, which Flink's batch translation (every line of a key arrives before its
   * first timer fires) once failed on.
   */
  static List<String> splitTracebacks() {
    java.util.Random random = new java.util.Random(7);
    List<String> lines = new java.util.ArrayList<>();
    for (int t = 0; t < 120; t++) {
      String instance = "i-" + (t % 8);
      String log = t % 4 == 0 ? "stdout" : "stderr";
      long base = 3_600_000L + t * 5_000L + random.nextInt(1000);
      int n = t % 10 == 0 ? 2 : TRACEBACK.length;
      for (int i = 0; i < n; i++) {
        lines.add(textLine("tb" + t + "-" + i, instance, log, base + i, TRACEBACK[i]));
      }
      lines.add(
          textLine(
              "tb" + t + "-x",
              instance,
              log,
              base + 2_500,
              "[INFO] Booting worker with pid: " + t));
    }
    java.util.Collections.shuffle(lines, random);
    return lines;
  }

  static String textLine(String insertId, String instance, String log, long millis, String text) {
    return "{\"insertId\":\""
        + insertId
        + "\","
        + "\"logName\":\"projects/p/logs/run.googleapis.com%2F"
        + log
        + "\","
        + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders\"}},"
        + "\"labels\":{\"instanceId\":\""
        + instance
        + "\"},\"textPayload\":\""
        + text
        + "\","
        + "\"timestamp\":\""
        + Instant.parse("2025-09-16T00:00:00Z").plusMillis(millis)
        + "\"}";
  }

  static LogGardenerOptions options(Path output) {
    PipelineOptionsFactory.register(LogGardenerOptions.class);
    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setInput(export.toString());
    o.setOutput(output.toString());
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setPrintSummary(false);
    return o;
  }

  static RunSummary run(LogGardenerOptions o) {
    Pipeline p = Pipeline.create(o);
    LogGardenerPipeline.build(p, o);
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    return RunSummary.of(result);
  }

  @Test
  public void finalClusterRowsAreIdenticalApartFromEmittedAt() {
    List<String> onDirect = FinalRows.of(directOut);
    List<String> onFlink = FinalRows.of(flinkOut);
    // Hundreds of fine signatures, which grouping (on by default) folds into a few dozen rows,
    // some of them groups of many: the learned state must come out the same on both runners.
    assertThat(onDirect.size(), greaterThan(20));
    assertThat(
        onDirect.stream().anyMatch(r -> r.matches(".*\"group_member_ids\":\\[\"[0-9a-f]+\",.*")),
        org.hamcrest.Matchers.is(true));
    assertThat(onFlink, equalTo(onDirect));
    assertThat(FinalRows.of(flinkStreamingOut), equalTo(onDirect));
    List<String> windows =
        onDirect.stream()
            .map(r -> FinalRows.read(r).get("window_start").asText())
            .distinct()
            .collect(Collectors.toList());
    assertThat(windows, hasSize(3));
  }

  @Test
  public void deadLettersAreIdentical() {
    List<String> onDirect = FinalRows.lines(directOut.resolve("deadletter"));
    assertThat(onDirect, hasSize(1));
    assertThat(FinalRows.lines(flinkOut.resolve("deadletter")), equalTo(onDirect));
    assertThat(FinalRows.lines(flinkStreamingOut.resolve("deadletter")), equalTo(onDirect));
  }

  @Test
  public void countersAgree() {
    for (String counter :
        List.of(
            GardenerCounters.ENTRIES_READ,
            GardenerCounters.ENTRIES_KEPT,
            GardenerCounters.ENTRIES_FILTERED,
            GardenerCounters.ENTRIES_DUPLICATE,
            GardenerCounters.ENTRIES_MERGED_INTO_TRACES,
            GardenerCounters.DEAD_LETTERED)) {
      assertThat(counter, flink.get(counter), equalTo(direct.get(counter)));
      assertThat(counter, flinkStreaming.get(counter), equalTo(direct.get(counter)));
    }
    // 108 tracebacks of four lines and 12 cut to two, each with a line that is no trace's.
    assertThat(
        direct.get(GardenerCounters.ENTRIES_READ),
        equalTo(3_000L + 60 + 1 + 108 * 4 + 12 * 2 + 120));
    assertThat(direct.get(GardenerCounters.ENTRIES_MERGED_INTO_TRACES), equalTo(108L * 3 + 12));
  }
}
