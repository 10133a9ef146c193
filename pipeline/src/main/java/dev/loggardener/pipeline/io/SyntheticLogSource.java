package dev.loggardener.pipeline.io;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * An unbounded source of {@link SyntheticLogEntries}, rate-limited in processing time and stamped
 * with each entry's event time. Split {@code k} of {@code n} produces the indices congruent to
 * {@code k} modulo {@code n} from the first index ({@link #startingAt}, 0 unless set); its
 * checkpoint is the next index, so a runner that restores a reader from a checkpoint (Flink after a
 * failure, the DirectRunner when it recycles readers) continues with exactly the entries not yet
 * delivered. With a finite total, a split that has produced its share advances its watermark to the
 * end of time: windows close with their final panes and the job ends, which keeps streaming demos
 * and tests finite.
 */
public final class SyntheticLogSource
    extends UnboundedSource<RawRecord, SyntheticLogSource.Position> {
  private static final long serialVersionUID = 1L;

  /** Unlimited total: the source never ends. */
  public static final long ENDLESS = Long.MAX_VALUE;

  private final SyntheticLogEntries entries;
  private final double ratePerSecond;
  private final long total;
  private final long first;
  private final int split;
  private final int splits;

  private SyntheticLogSource(
      SyntheticLogEntries entries,
      double ratePerSecond,
      long total,
      long first,
      int split,
      int splits) {
    this.entries = entries;
    this.ratePerSecond = ratePerSecond;
    this.total = total;
    this.first = first;
    this.split = split;
    this.splits = splits;
  }

  /** {@code total} entries (or {@link #ENDLESS}), at most {@code ratePerSecond} per second. */
  public static SyntheticLogSource of(
      SyntheticLogEntries entries, double ratePerSecond, long total) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be positive");
    }
    if (total < 0) {
      throw new IllegalArgumentException("total must be 0 or more");
    }
    return new SyntheticLogSource(entries, ratePerSecond, total, 0, 0, 1);
  }

  /**
   * The same source without the entries before index {@code first}: what a job relaunched after a
   * drain reads, when the drained job's source ended at {@code first}.
   */
  public SyntheticLogSource startingAt(long first) {
    if (first < 0) {
      throw new IllegalArgumentException("first must be 0 or more");
    }
    return new SyntheticLogSource(entries, ratePerSecond, total, first, split, splits);
  }

  /** The name records carry as their source. */
  public static String sourceName() {
    return "synthetic";
  }

  @Override
  public List<SyntheticLogSource> split(int desiredNumSplits, PipelineOptions options) {
    int n = Math.max(1, desiredNumSplits);
    List<SyntheticLogSource> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(new SyntheticLogSource(entries, ratePerSecond, total, first, k, n));
    }
    return out;
  }

  @Override
  public UnboundedReader<RawRecord> createReader(PipelineOptions options, Position mark) {
    return new Reader(this, mark == null ? first + split : mark.next);
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return SerializableCoder.of(Position.class);
  }

  @Override
  public Coder<RawRecord> getOutputCoder() {
    return RawRecordCoder.of();
  }

  /** The next index a split will produce: all a restored reader needs. */
  public static final class Position implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;

    public final long next;

    public Position(long next) {
      this.next = next;
    }

    @Override
    public void finalizeCheckpoint() {
      // Nothing to acknowledge: the entries are recomputed from their index.
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Position && ((Position) o).next == next;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(next);
    }
  }

  static final class Reader extends UnboundedReader<RawRecord> {
    private static final long MAX_WAIT_NANOS = 20_000_000L;
    private final SyntheticLogSource source;
    private final double nanosPerEntry;
    private long next;
    private RawRecord current;
    private Instant currentTimestamp;
    private long startedNanos;
    private long emittedSinceStart;

    Reader(SyntheticLogSource source, long next) {
      this.source = source;
      this.next = next;
      // Each of n splits delivers a 1/n share of the rate.
      this.nanosPerEntry = 1e9 * source.splits / source.ratePerSecond;
    }

    @Override
    public boolean start() {
      startedNanos = System.nanoTime();
      return advance();
    }

    @Override
    public boolean advance() {
      if (exhausted()) {
        current = null;
        return false;
      }
      long ahead = (long) (emittedSinceStart * nanosPerEntry) - (System.nanoTime() - startedNanos);
      if (ahead > MAX_WAIT_NANOS) {
        return false; // well ahead of the rate: let the runner poll again later
      }
      if (ahead > 0) {
        // A short wait here beats returning false: runners back off for tens of milliseconds
        // after an empty poll, which would cap the rate far below what was asked.
        LockSupport.parkNanos(ahead);
      }
      long i = next;
      current = RawRecord.of(sourceName(), i + 1, source.entries.json(i));
      currentTimestamp = new Instant(source.entries.eventTime(i).toEpochMilli());
      next += source.splits;
      emittedSinceStart++;
      return true;
    }

    private boolean exhausted() {
      return next >= source.total;
    }

    @Override
    public RawRecord getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    /**
     * Just before the next entry's event time: entries of one split never go back in time. A
     * finished split is at the end of time, so the runner can close every window.
     */
    @Override
    public Instant getWatermark() {
      if (exhausted()) {
        return BoundedWindow.TIMESTAMP_MAX_VALUE;
      }
      return new Instant(source.entries.eventTime(next).toEpochMilli() - 1);
    }

    @Override
    public Position getCheckpointMark() {
      return new Position(next);
    }

    @Override
    public SyntheticLogSource getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
