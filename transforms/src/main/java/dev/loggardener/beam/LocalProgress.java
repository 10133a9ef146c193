package dev.loggardener.beam;

import java.util.concurrent.atomic.LongAdder;

/**
 * Records read so far in this JVM, for the progress line of a local run ({@code gardener run}
 * prints entries read, rate and ETA). Runner metrics cannot serve: the DirectRunner and Flink's
 * mini-cluster only report them when the run ends, and the Flink batch runner commits them once per
 * bundle, which for a file is the whole file. A process-wide adder works for every runner that runs
 * inside the launching process; on remote workers it is simply never read.
 */
public final class LocalProgress {
  private static final LongAdder RECORDS = new LongAdder();
  private static final LongAdder CHARS = new LongAdder();

  private LocalProgress() {}

  /** Adds records and the characters of their text (a proxy for the input bytes consumed). */
  public static void add(long records, long chars) {
    RECORDS.add(records);
    CHARS.add(chars);
  }

  public static long records() {
    return RECORDS.sum();
  }

  public static long chars() {
    return CHARS.sum();
  }

  /** Starts a new count; a process runs one pipeline, but tests may run several. */
  public static void reset() {
    RECORDS.reset();
    CHARS.reset();
  }
}
