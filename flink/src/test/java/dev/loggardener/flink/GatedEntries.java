package dev.loggardener.flink;

import dev.loggardener.parse.RawRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * An unbounded source of fixed entries, in event-time order, that delivers only the entries below a
 * gate the test moves ({@link #RELEASED}): while an entry waits at the gate the watermark stays
 * just before it, so its window stays open, as a quiet stretch of a live stream would leave it.
 * Split {@code k} of {@code n} delivers the entries whose index is {@code k} modulo {@code n}; its
 * checkpoint is the next index, so a job restored from a savepoint goes on with exactly the entries
 * not yet delivered. Once every entry is delivered the watermark goes to the end of time, closing
 * every window, and the job ends, as a drained job does. The gate is static: the embedded Flink
 * cluster runs in the test's JVM.
 */
final class GatedEntries extends UnboundedSource<RawRecord, GatedEntries.Position> {
  private static final long serialVersionUID = 1L;

  /** Entries with an index below this are delivered. */
  static final AtomicInteger RELEASED = new AtomicInteger();

  private final List<RawRecord> records;
  private final List<Long> eventMillis;
  private final int split;
  private final int splits;

  private GatedEntries(List<RawRecord> records, List<Long> eventMillis, int split, int splits) {
    this.records = records;
    this.eventMillis = eventMillis;
    this.split = split;
    this.splits = splits;
  }

  /** {@code records} with their event times, in event-time order. */
  static GatedEntries of(List<RawRecord> records, List<Instant> eventTimes) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < eventTimes.size(); i++) {
      if (i > 0 && eventTimes.get(i).isBefore(eventTimes.get(i - 1))) {
        throw new IllegalArgumentException("entries must be in event-time order");
      }
      millis.add(eventTimes.get(i).getMillis());
    }
    return new GatedEntries(new ArrayList<>(records), millis, 0, 1);
  }

  @Override
  public List<GatedEntries> split(int desiredNumSplits, PipelineOptions options) {
    int n = Math.max(1, desiredNumSplits);
    List<GatedEntries> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(new GatedEntries(records, eventMillis, k, n));
    }
    return out;
  }

  @Override
  public UnboundedReader<RawRecord> createReader(PipelineOptions options, Position mark) {
    return new Reader(this, mark == null ? split : mark.next);
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return SerializableCoder.of(Position.class);
  }

  @Override
  public Coder<RawRecord> getOutputCoder() {
    return SerializableCoder.of(RawRecord.class);
  }

  /** The next index a split delivers. */
  static final class Position implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;
    final int next;

    Position(int next) {
      this.next = next;
    }

    @Override
    public void finalizeCheckpoint() {}
  }

  private static final class Reader extends UnboundedReader<RawRecord> {
    private final GatedEntries source;
    private int next;
    private int current = -1;

    Reader(GatedEntries source, int next) {
      this.source = source;
      this.next = next;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      if (next >= source.records.size() || next >= RELEASED.get()) {
        current = -1;
        return false;
      }
      current = next;
      next += source.splits;
      return true;
    }

    @Override
    public RawRecord getCurrent() {
      if (current < 0) {
        throw new NoSuchElementException();
      }
      return source.records.get(current);
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current < 0) {
        throw new NoSuchElementException();
      }
      return new Instant(source.eventMillis.get(current));
    }

    @Override
    public Instant getWatermark() {
      if (next >= source.records.size()) {
        return BoundedWindow.TIMESTAMP_MAX_VALUE;
      }
      return new Instant(source.eventMillis.get(next) - 1);
    }

    @Override
    public Position getCheckpointMark() {
      return new Position(next);
    }

    @Override
    public GatedEntries getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
