package dev.loggardener.beam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Releases the elements a stateful DoFn holds in event-time order, whatever order they arrived in:
 * each is held in a bag with its timestamp, one event-time timer is set to the earliest held time,
 * and when it fires every element the watermark has passed comes out sorted. Stages whose state
 * depends on the order they see windows in (history, learned signature groups) use it so a batch
 * gives the same result on every runner. The DoFn declares the three pieces of state and passes
 * them in.
 */
public final class EventTimeOrder {
  private EventTimeOrder() {}

  /** Holds {@code value} until the watermark passes {@code timestamp}. */
  public static <T> void hold(
      BagState<KV<Long, T>> pending,
      ValueState<Long> flushAt,
      Timer flush,
      Instant timestamp,
      T value) {
    pending.add(KV.of(timestamp.getMillis(), value));
    Long at = flushAt.read();
    if (at == null || timestamp.getMillis() < at) {
      flush.set(timestamp);
      flushAt.write(timestamp.getMillis());
    }
  }

  /**
   * The held elements due at {@code firedAt}, sorted by {@code order}; the others stay held and the
   * timer is set to the earliest of them.
   */
  public static <T> List<T> releaseDue(
      BagState<KV<Long, T>> pending,
      ValueState<Long> flushAt,
      Timer flush,
      Instant firedAt,
      Comparator<? super T> order) {
    List<T> due = new ArrayList<>();
    List<KV<Long, T>> later = new ArrayList<>();
    for (KV<Long, T> kv : pending.read()) {
      if (kv.getKey() <= firedAt.getMillis()) {
        due.add(kv.getValue());
      } else {
        later.add(kv);
      }
    }
    due.sort(order);
    pending.clear();
    long next = Long.MAX_VALUE;
    for (KV<Long, T> kv : later) {
      pending.add(kv);
      next = Math.min(next, kv.getKey());
    }
    if (later.isEmpty()) {
      flushAt.clear();
    } else {
      flush.set(new Instant(next));
      flushAt.write(next);
    }
    return due;
  }
}
