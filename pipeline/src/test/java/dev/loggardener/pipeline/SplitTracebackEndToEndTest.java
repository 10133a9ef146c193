package dev.loggardener.pipeline;

import static dev.loggardener.pipeline.LogGardenerPipelineTest.options;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.rows;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.run;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.priority.PriorityLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * End to end: a Python traceback that Cloud Run stored one severity-less stderr entry per line
 * (example E1) is one cluster counted once, not a "Traceback" cluster plus an exception cluster; a
 * traceback cut short by an OOM kill is one cluster too; the counters still add up.
 */
public class SplitTracebackEndToEndTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  static final String INSTANCE_A =
      "0069c7a988e8db2324f4d2185a6c291c7192b7accfb2680571fd348002745088c6";
  static final String INSTANCE_B =
      "0069c7a988259533bd988db748c75702dd34d9099cdba58cf7315268d6c62c71cd";

  private static Path out;
  private static RunSummary summary;

  /** One stderr line of orders-api as a Log Router sink writes it: no severity, textPayload. */
  static String stderrLine(String insertId, String instance, String timestamp, String text) {
    return "{\"insertId\":\""
        + insertId
        + "\","
        + "\"logName\":\"projects/acme-prod/logs/run.googleapis.com%2Fstderr\","
        + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"project_id\":\"acme-prod\","
        + "\"service_name\":\"orders-api\",\"revision_name\":\"orders-api-00042-xog\"}},"
        + "\"labels\":{\"instanceId\":\""
        + instance
        + "\"},"
        + "\"textPayload\":"
        + BadInputTest.json(text)
        + ","
        + "\"timestamp\":\""
        + timestamp
        + "\"}";
  }

  static String systemLine(
      String insertId, String instance, String timestamp, String severity, String text) {
    return "{\"insertId\":\""
        + insertId
        + "\","
        + "\"logName\":\"projects/acme-prod/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
        + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"project_id\":\"acme-prod\","
        + "\"service_name\":\"orders-api\",\"revision_name\":\"orders-api-00042-xog\"}},"
        + "\"severity\":\""
        + severity
        + "\",\"labels\":{\"instanceId\":\""
        + instance
        + "\"},"
        + "\"textPayload\":"
        + BadInputTest.json(text)
        + ","
        + "\"timestamp\":\""
        + timestamp
        + "\"}";
  }

  @BeforeClass
  public static void runOverSplitTracebacks() throws Exception {
    List<String> lines = new ArrayList<>();
    String[] trace = {
      "Traceback (most recent call last):",
      "  File \"/app/orders/handlers.py\", line 41, in get_order",
      "    order = repo.fetch_order(order_id)",
      "  File \"/app/orders/repository.py\", line 88, in fetch_order",
      "    conn = pool.getconn()",
      "psycopg2.OperationalError: connection to server at \"10.8.0.3\", port 5432 failed: timeout expired"
    };
    // Instance A: the whole traceback, microseconds apart, written in reverse (newest first, as a
    // console shows it) so nothing depends on file order.
    for (int i = trace.length - 1; i >= 0; i--) {
      lines.add(
          stderrLine(
              "a" + i, INSTANCE_A, "2025-06-03T14:02:11.4182" + (10 + i * 7) + "Z", trace[i]));
    }
    lines.add(
        stderrLine(
            "a-info",
            INSTANCE_A,
            "2025-06-03T14:02:12.000000Z",
            "[2025-06-03 14:02:12 +0000] [7] [INFO] Booting worker with pid: 7"));
    // Instance B: OOM-killed mid-traceback; the platform then logs the exit on another log.
    for (int i = 0; i < 3; i++) {
      lines.add(
          stderrLine("b" + i, INSTANCE_B, "2025-06-03T14:03:09.9000" + (10 + i) + "Z", trace[i]));
    }
    lines.add(
        systemLine(
            "b-exit",
            INSTANCE_B,
            "2025-06-03T14:03:10.052114Z",
            "WARNING",
            "Container called exit(1)."));
    Path in = TMP.newFile("split.ndjson").toPath();
    Files.writeString(in, String.join("\n", lines) + "\n");
    out = TMP.newFolder("out").toPath();
    summary = run(options(in.toString(), out));
  }

  @Test
  public void aSplitTracebackIsExactlyOneClusterCountedOnce() throws Exception {
    List<ClusterRow> withException =
        rows(out).stream()
            .filter(r -> r.signature().contains("OperationalError"))
            .collect(Collectors.toList());
    assertThat(withException, hasSize(1));
    ClusterRow r = withException.get(0);
    assertThat(r.count(), is(1L));
    assertThat(r.sampleInsertId(), is("a0"));
    assertThat(r.sampleMessage(), startsWith("Traceback (most recent call last):\n  File"));
    assertThat(r.sampleMessage(), containsString("psycopg2.OperationalError"));
    assertThat(r.priority(), is(PriorityLevel.P1));
  }

  @Test
  public void aTruncatedTracebackIsOneClusterNextToTheContainerExit() throws Exception {
    List<String> samples =
        rows(out).stream()
            .map(r -> r.count() + " " + r.sampleInsertId())
            .sorted()
            .collect(Collectors.toList());
    assertThat(samples.toString(), samples, is(List.of("1 a0", "1 b-exit", "1 b0")));
  }

  @Test
  public void mergedLinesAreCountedSoTheCountersStillAddUp() {
    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(11L));
    assertThat(summary.get(GardenerCounters.ENTRIES_MERGED_INTO_TRACES), is(7L));
    assertThat(summary.get(GardenerCounters.ENTRIES_KEPT), is(3L));
    assertThat(summary.get(GardenerCounters.ENTRIES_FILTERED), is(1L));
    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(summary.accountedFor()));
  }
}
