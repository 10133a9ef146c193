package dev.loggardener.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import dev.loggardener.pipeline.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A run on Flink's mini-cluster, what {@code gardener run} picks for a real export, prints the
 * progress and the summary, not hundreds of Flink warnings about Beam's long operator names or a
 * web dashboard's log files.
 */
public class QuietFlinkRunTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** Collects what a user would see at WARNING and above, from every thread. */
  private static final class Warnings extends Handler {
    final List<String> seen = new ArrayList<>();

    @Override
    public synchronized void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        seen.add(r.getLoggerName() + ": " + r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  public void aRunOfTheSampleOnTheMiniClusterLogsNoWarnings() throws Exception {
    Main.quietLogging();
    String[] args =
        FlinkMain.withFlinkDefaults(
            new String[] {
              "run",
              "--input=" + Paths.get("..", "samples", "cloud-run-backend-hour.json"),
              "--output=" + tmp.getRoot(),
              "--progressSeconds=0"
            });
    Warnings warnings = new Warnings();
    Logger root = Logger.getLogger("");
    root.addHandler(warnings);
    try {
      int exit =
          Main.run(
              Arrays.copyOfRange(args, 1, args.length),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(exit, is(0));
    } finally {
      root.removeHandler(warnings);
    }
    assertThat(warnings.seen, is(empty()));
  }
}
