package dev.loggardener.flink;

import dev.loggardener.parse.RawRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Passes records through and, once per JVM, throws as a crashing worker would: after it has seen
 * {@code after} records and Flink has completed a checkpoint that started after that point, so the
 * job must restore real state rather than start over. Static state survives the restart because the
 * embedded mini-cluster runs in the test's JVM; call {@link #reset} before a run.
 */
final class InjectOneFailure extends DoFn<RawRecord, RawRecord> {
  private static final long serialVersionUID = 1L;

  static final AtomicLong SEEN = new AtomicLong();
  static final AtomicLong SEEN_WHEN_FAILED = new AtomicLong(-1);
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static volatile long thresholdReachedAtMillis = Long.MAX_VALUE;

  private final long after;
  private final String checkpointDir;

  InjectOneFailure(long after, Path checkpointDir) {
    this.after = after;
    this.checkpointDir = checkpointDir.toString();
  }

  static void reset() {
    SEEN.set(0);
    SEEN_WHEN_FAILED.set(-1);
    FAILED.set(false);
    thresholdReachedAtMillis = Long.MAX_VALUE;
  }

  static boolean failed() {
    return FAILED.get();
  }

  @ProcessElement
  public void process(@Element RawRecord record, OutputReceiver<RawRecord> out) {
    long n = SEEN.incrementAndGet();
    if (!FAILED.get()) {
      if (n == after) {
        thresholdReachedAtMillis = System.currentTimeMillis();
      }
      if (n >= after
          && checkpointCompletedSince(thresholdReachedAtMillis)
          && FAILED.compareAndSet(false, true)) {
        SEEN_WHEN_FAILED.set(n);
        throw new IllegalStateException("injected worker failure after " + n + " records");
      }
    }
    out.output(record);
  }

  /** A completed Flink checkpoint is a chk-N directory holding a _metadata file. */
  private boolean checkpointCompletedSince(long millis) {
    Path dir = Paths.get(checkpointDir);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(
          p -> p.getFileName().toString().equals("_metadata") && modifiedAfter(p, millis));
    } catch (IOException | UncheckedIOException e) {
      return false; // Flink deletes old checkpoints while we look; try again next record
    }
  }

  private static boolean modifiedAfter(Path p, long millis) {
    try {
      return Files.getLastModifiedTime(p).toMillis() > millis;
    } catch (IOException e) {
      return false;
    }
  }
}
