package dev.loggardener.pipeline.sample;

import dev.loggardener.pipeline.sample.CloudRunHourGenerator.SeedCluster;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where and when the seed's causal chain happens: restart cycles of the service, each on one
 * instance, as the seed worklog describes them ("7-minute restart cycles"). In a cycle the
 * missing-module errors come first, within seconds the middleware failure and the gunicorn worker
 * traceback, then the container exits, and requests routed to the dying instance fail with 503s for
 * the next half minute. There are as many cycles as container exits; the other chain clusters'
 * entries are dealt to the cycles in turn, so every count stays exact.
 */
final class CrashCycleSchedule {
  /** Where one entry goes: microseconds after the hour start, and an instance index. */
  static final class Placement {
    final long micros;
    final int instance;

    Placement(long micros, int instance) {
      this.micros = micros;
      this.instance = instance;
    }
  }

  /** Chain clusters and their offset range within a cycle, in milliseconds. */
  private static final Map<SeedCluster, long[]> STEPS = new EnumMap<>(SeedCluster.class);

  static {
    STEPS.put(SeedCluster.MISSING_MODULE, new long[] {0, 1_500});
    STEPS.put(SeedCluster.MIDDLEWARE_SETUP, new long[] {1_600, 2_500});
    STEPS.put(SeedCluster.WORKER_TRACEBACK, new long[] {2_600, 3_500});
    STEPS.put(SeedCluster.CONTAINER_EXIT, new long[] {4_000, 5_000});
    STEPS.put(SeedCluster.MALFORMED_RESPONSE, new long[] {5_000, 30_000});
  }

  private static final long CYCLE_SPACING_MILLIS = 7 * 60 * 1000L;
  private static final long HOUR_MILLIS = 3_600_000L;

  private final Map<SeedCluster, ArrayDeque<Placement>> placements =
      new EnumMap<>(SeedCluster.class);

  CrashCycleSchedule(Map<SeedCluster, Long> counts, int instances, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0xC4A5C4DEL);
    int cycles = (int) Math.max(1, counts.getOrDefault(SeedCluster.CONTAINER_EXIT, 0L));
    // Seven minutes apart when the hour has room for them, closer when it has not.
    long spacing = Math.min(CYCLE_SPACING_MILLIS, (HOUR_MILLIS - 120_000L) / cycles);
    long[] starts = new long[cycles];
    for (int k = 0; k < cycles; k++) {
      starts[k] = 60_000L + k * spacing + rnd.nextLong(Math.max(1, Math.min(15_000L, spacing / 4)));
    }
    for (Map.Entry<SeedCluster, long[]> step : STEPS.entrySet()) {
      long n = counts.getOrDefault(step.getKey(), 0L);
      ArrayDeque<Placement> q = new ArrayDeque<>();
      for (long j = 0; j < n; j++) {
        int k = (int) (j % cycles);
        long[] range = step.getValue();
        long offsetMicros =
            (range[0] + rnd.nextLong(range[1] - range[0])) * 1000L + rnd.nextLong(1000);
        q.add(new Placement(starts[k] * 1000L + offsetMicros, k % instances));
      }
      placements.put(step.getKey(), q);
    }
  }

  /** The next placement of a chain cluster's entry, or null for clusters outside the chain. */
  Placement next(SeedCluster c) {
    ArrayDeque<Placement> q = placements.get(c);
    return q == null ? null : q.poll();
  }

  static Instant at(Instant hourStart, Placement p) {
    return hourStart.plusNanos(p.micros * 1000L);
  }
}
