package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The first command a user runs, the bundled sample on the DirectRunner, prints the summary and
 * nothing else: no library warning that is not about the user's input.
 */
public class QuietRunTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aRunOfTheSampleLogsNoWarnings() throws Exception {
    Main.quietLogging();
    List<String> warnings = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r.getLoggerName() + ": " + r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      int exit =
          Main.run(
              new String[] {
                "--input=" + LogGardenerPipelineTest.SAMPLE,
                "--output=" + tmp.getRoot(),
                "--progressSeconds=0"
              },
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(exit, is(0));
    } finally {
      root.removeHandler(capture);
    }
    assertThat(warnings, is(empty()));
  }
}
