package dev.loggardener.pipeline;

import dev.loggardener.beam.LocalProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Prints a {@link ProgressLine} every few seconds while a local run works, so that a long run over
 * a big export is not silent for minutes. Reads {@link LocalProgress}, which the per-entry step
 * updates in this process; prints nothing before the first entry (runner start-up) and nothing at
 * all for a run shorter than one interval, such as the bundled sample.
 */
final class ProgressReporter implements AutoCloseable {
  private final Thread thread;

  private ProgressReporter(Thread thread) {
    this.thread = thread;
  }

  /** Starts reporting every {@code seconds} (0: never) on {@code out}. */
  static ProgressReporter start(int seconds, long totalBytes, PrintStream out) {
    LocalProgress.reset();
    if (seconds <= 0) {
      return new ProgressReporter(null);
    }
    Thread t =
        new Thread(
            () -> {
              // The rate runs from the first line that saw entries: start-up is not reading.
              long firstAt = 0;
              long firstRecords = 0;
              long firstChars = 0;
              long lastRecords = 0;
              long lastChange = 0;
              try {
                while (true) {
                  Thread.sleep(seconds * 1000L);
                  long records = LocalProgress.records();
                  long chars = LocalProgress.chars();
                  if (records == 0) {
                    continue;
                  }
                  long now = System.nanoTime();
                  if (records == lastRecords) {
                    out.println(ProgressLine.readingDone(records, (now - lastChange) / 1e9));
                    continue;
                  }
                  if (firstAt == 0) {
                    firstAt = now;
                    firstRecords = records;
                    firstChars = chars;
                  }
                  lastRecords = records;
                  lastChange = now;
                  out.println(
                      ProgressLine.format(
                          records,
                          chars,
                          totalBytes,
                          firstRecords,
                          firstChars,
                          (now - firstAt) / 1e9));
                }
              } catch (InterruptedException e) {
                // The run ended.
              }
            },
            "gardener-progress");
    t.setDaemon(true);
    t.start();
    return new ProgressReporter(t);
  }

  /**
   * Bytes of a local input (a file, or every file below a directory); 0 when unknown: remote, a
   * glob, or compressed, where characters read say nothing about bytes left.
   */
  static long inputBytes(String input) {
    if (input == null || input.contains("://") || input.contains("*") || input.contains("?")) {
      return 0;
    }
    Path p = Paths.get(input);
    try {
      if (Files.isRegularFile(p)) {
        return p.toString().endsWith(".gz") ? 0 : Files.size(p);
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          long total = 0;
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            if (f.toString().endsWith(".gz")) {
              return 0;
            }
            total += Files.size(f);
          }
          return total;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
