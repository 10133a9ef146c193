package dev.loggardener.cluster;

import dev.loggardener.model.StableHash;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bounded evidence one cluster carries into cascade detection: a sample of at most {@link
 * #MAX_EVENTS} (instance, time) events and at most {@link #MAX_TRACES} trace ids with the earliest
 * time each was seen. Both samples are bottom-k by a stable hash, so the result depends only on the
 * set of entries added, never on the order they were added or merged in.
 *
 * <p>The events are sampled by a hash of (instance, {@link #BUCKET_MILLIS} time bucket) first:
 * every cluster keeps the same instance-time buckets when it has to drop some, so two clusters that
 * fire together on the same instance keep their co-occurring events together (coordinated
 * sampling), instead of each keeping an unrelated random subset. Traces are sampled by the hash of
 * the trace id for the same reason: a trace shared by two clusters is kept by both or neither.
 * Instances and traces are kept as 64-bit hashes: no identifier text is held, and the size per
 * cluster is fixed (about 2 KB).
 */
public final class CascadeEvidence implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int MAX_EVENTS = 64;
  public static final int MAX_TRACES = 32;

  /** Sampling bucket: longer than any cascade interval, so few causal pairs straddle a boundary. */
  public static final long BUCKET_MILLIS = 10 * 60 * 1000L;

  /** One sampled occurrence: which instance, when, and its position in the sample order. */
  public static final class Event implements Serializable {
    private static final long serialVersionUID = 1L;

    public final long bucketHash;
    public final long tieHash;
    public final long instanceHash;
    public final long epochMillis;

    public Event(long bucketHash, long tieHash, long instanceHash, long epochMillis) {
      this.bucketHash = bucketHash;
      this.tieHash = tieHash;
      this.instanceHash = instanceHash;
      this.epochMillis = epochMillis;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Event
          && ((Event) o).bucketHash == bucketHash
          && ((Event) o).tieHash == tieHash
          && ((Event) o).instanceHash == instanceHash
          && ((Event) o).epochMillis == epochMillis;
    }

    @Override
    public int hashCode() {
      return Objects.hash(bucketHash, tieHash, instanceHash, epochMillis);
    }
  }

  static final Comparator<Event> SAMPLE_ORDER =
      (a, b) -> {
        int c = Long.compareUnsigned(a.bucketHash, b.bucketHash);
        if (c != 0) {
          return c;
        }
        c = Long.compareUnsigned(a.tieHash, b.tieHash);
        if (c != 0) {
          return c;
        }
        c = Long.compare(a.epochMillis, b.epochMillis);
        return c != 0 ? c : Long.compare(a.instanceHash, b.instanceHash);
      };

  private final TreeSet<Event> events = new TreeSet<>(SAMPLE_ORDER);
  // trace hash -> earliest epoch millis; ordered by unsigned hash so the bottom-k is the head.
  private final TreeMap<Long, Long> traces = new TreeMap<>(Long::compareUnsigned);

  /** Adds one entry; blank instance or trace ids contribute nothing of that kind. */
  public CascadeEvidence add(String instanceId, Instant timestamp, String uniqueId, String trace) {
    boolean hasInstance = instanceId != null && !instanceId.isEmpty();
    return add(
        hasInstance, hasInstance ? StableHash.of(instanceId) : 0L, timestamp, uniqueId, trace);
  }

  /** Adds one entry whose instance id is already hashed ({@link StableHash#of(String)}). */
  public CascadeEvidence add(
      boolean hasInstance, long instance, Instant timestamp, String uniqueId, String trace) {
    long millis = timestamp.toEpochMilli();
    if (hasInstance) {
      long bucket = StableHash.of(instance, Math.floorDiv(millis, BUCKET_MILLIS));
      long tie = StableHash.of(StableHash.of(uniqueId == null ? "" : uniqueId), millis);
      addEvent(new Event(bucket, tie, instance, millis));
    }
    if (trace != null && !trace.isEmpty()) {
      addTrace(StableHash.of(trace), millis);
    }
    return this;
  }

  public void addEvent(Event e) {
    // A full sample keeps an event only if it sorts before the last one: most events of a busy
    // cluster do not, and testing that is one comparison instead of an insert and a removal.
    if (events.size() >= MAX_EVENTS && SAMPLE_ORDER.compare(e, events.last()) >= 0) {
      return;
    }
    events.add(e);
    if (events.size() > MAX_EVENTS) {
      events.pollLast();
    }
  }

  public void addTrace(long traceHash, long epochMillis) {
    if (traces.size() >= MAX_TRACES && Long.compareUnsigned(traceHash, traces.lastKey()) > 0) {
      return;
    }
    traces.merge(traceHash, epochMillis, Math::min);
    if (traces.size() > MAX_TRACES) {
      traces.pollLastEntry();
    }
  }

  public CascadeEvidence merge(CascadeEvidence other) {
    for (Event e : other.events) {
      addEvent(e);
    }
    for (Map.Entry<Long, Long> t : other.traces.entrySet()) {
      addTrace(t.getKey(), t.getValue());
    }
    return this;
  }

  /** The sampled events in sample order. */
  public List<Event> events() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  /** Sampled trace hashes (in unsigned hash order) with the earliest time each was seen. */
  public Map<Long, Long> traces() {
    return Collections.unmodifiableMap(traces);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CascadeEvidence
        && new ArrayList<>(events).equals(new ArrayList<>(((CascadeEvidence) o).events))
        && traces.equals(((CascadeEvidence) o).traces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(events.size(), traces);
  }
}
