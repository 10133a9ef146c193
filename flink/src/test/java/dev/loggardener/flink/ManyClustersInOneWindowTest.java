package dev.loggardener.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A service with more clusters in one window than Beam's join keeps in memory (10,000) runs to the
 * end on Flink with the jar's defaults: cascade linking joins a service's rows of a window with
 * their analysis, and Flink's batch translation hands a group over as an iterable that can be read
 * only once, which failed the whole run before the Flink jar asked for re-iterable groups.
 */
public class ManyClustersInOneWindowTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final int CLUSTERS = 10_300;

  /** A word without digits for i, so that each message keeps its own template. */
  private static String word(int i) {
    StringBuilder w = new StringBuilder();
    for (int k = 0; k < 4; k++) {
      w.append((char) ('a' + i % 26));
      i /= 26;
    }
    return w.toString();
  }

  @Test
  public void aServiceWithMoreClustersThanAJoinKeepsInMemoryRunsToTheEnd() throws Exception {
    QuietLogs.warningsOnly();
    Path export = TMP.getRoot().toPath().resolve("many.ndjson");
    try (BufferedWriter w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
      for (int i = 0; i < CLUSTERS; i++) {
        w.write(
            "{\"insertId\":\"m"
                + i
                + "\",\"severity\":\"ERROR\","
                + "\"logName\":\"projects/p/logs/run.googleapis.com%2Fstderr\","
                + "\"resource\":{\"type\":\"cloud_run_revision\","
                + "\"labels\":{\"service_name\":\"orders\"}},"
                + "\"textPayload\":\"lease lost by "
                + word(i)
                + "\","
                + "\"timestamp\":\"2025-09-16T01:"
                + String.format("%02d", i % 60)
                + ":00Z\"}");
        w.newLine();
      }
    }
    Path out = TMP.newFolder("out").toPath();
    String[] args =
        FlinkMain.withFlinkDefaults(
            new String[] {
              "run",
              "--input=" + export,
              "--output=" + out,
              "--parallelism=2",
              // every message its own group, so that the service's window holds them all
              "--groupSignatures=false",
              "--printSummary=false",
              "--progressSeconds=0"
            });
    assertThat(Arrays.asList(args), hasItem("--reIterableGroupByKeyResult=true"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int exit =
        dev.loggardener.pipeline.Main.run(
            Arrays.copyOfRange(args, 1, args.length), new PrintStream(printed, true, "UTF-8"));

    assertThat(exit, is(0));
    List<String> rows = FinalRows.of(out);
    assertThat(rows.size(), is(CLUSTERS));
  }
}
