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
 *
 * <p>"Started after" is told by the checkpoint's number, not by when it completed: Flink creates a
 * checkpoint's {@code chk-N} directory when it triggers it, before the source takes its position,
 * and writes {@code _metadata} only when every task has acknowledged. On a loaded machine a
 * checkpoint triggered near the start of the run can complete after the threshold; restoring it is
 * nearly a full replay, not the resume this is meant to force.
 */
final class InjectOneFailure extends DoFn<RawRecord, RawRecord> {
  private static final long serialVersionUID = 1L;

  static final AtomicLong SEEN = new AtomicLong();
  static final AtomicLong SEEN_WHEN_FAILED = new AtomicLong(-1);
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  /** The highest checkpoint number triggered when the threshold was reached; -1 before. */
  private static volatile long lastCheckpointAtThreshold = -1;

  private static volatile boolean thresholdReached;

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
    lastCheckpointAtThreshold = -1;
    thresholdReached = false;
  }

  static boolean failed() {
    return FAILED.get();
  }

  @ProcessElement
  public void process(@Element RawRecord record, OutputReceiver<RawRecord> out) {
    long n = SEEN.incrementAndGet();
    if (!FAILED.get()) {
      if (n == after) {
        long triggered = highestCheckpoint(false);
        for (int i = 0; triggered == Long.MIN_VALUE && i < 100; i++) {
          triggered = highestCheckpoint(false);
        }
        lastCheckpointAtThreshold = triggered;
        thresholdReached = true;
      }
      if (n >= after
          && thresholdReached
          && highestCheckpoint(true) > lastCheckpointAtThreshold
          && FAILED.compareAndSet(false, true)) {
        SEEN_WHEN_FAILED.set(n);
        throw new IllegalStateException("injected worker failure after " + n + " records");
      }
    }
    out.output(record);
  }

  /**
   * The highest N of the {@code chk-N} directories (triggered checkpoints), or with {@code
   * completed} of those holding a {@code _metadata} file; -1 if none, {@code Long.MIN_VALUE} if the
   * directory changed while being read.
   */
  private long highestCheckpoint(boolean completed) {
    Path dir = Paths.get(checkpointDir);
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files
          .filter(p -> !completed || p.getFileName().toString().equals("_metadata"))
          .map(p -> completed ? p.getParent() : p)
          .filter(p -> p != null && p.getFileName().toString().matches("chk-\\d+"))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring(4)))
          .max()
          .orElse(-1);
    } catch (IOException | UncheckedIOException e) {
      // Flink deletes old checkpoints while we look: read again (next record, or at once)
      return Long.MIN_VALUE;
    }
  }
}
