package dev.loggardener.cluster;

import dev.loggardener.model.StableHash;
import java.time.Instant;

/**
 * The key of the per-cluster steps after grouping (applying the cascade analysis, emitting changed
 * rows): the (window, service), split into {@code shards} by a stable hash of the cluster id, so a
 * service with many clusters is spread over several keys while every row of one cluster, its
 * tombstones included, stays on one key (its {@code emit_seq} and lineage live there). With one
 * shard the key is the (window, service) itself. The shard count is part of the keys: changing it
 * moves clusters to keys without their state.
 */
public final class PostAggregationKey {
  /** Shards per (window, service) unless told otherwise. */
  public static final int DEFAULT_SHARDS = 4;

  private PostAggregationKey() {}

  /** The (window, service) part of every key. */
  public static String of(String service, Instant windowStart) {
    return service + '\u0000' + windowStart.toEpochMilli();
  }

  /** The key of {@code clusterId}'s rows in the (window, service). */
  public static String of(String service, Instant windowStart, String clusterId, int shards) {
    return ofShard(service, windowStart, shardOf(clusterId, shards), shards);
  }

  /** The key of shard {@code shard} of the (window, service). */
  public static String ofShard(String service, Instant windowStart, int shard, int shards) {
    return shards <= 1 ? of(service, windowStart) : of(service, windowStart) + '\u0000' + shard;
  }

  /**
   * The name of a stateful step keyed by these keys: {@code step} with the shard count, so a job
   * launched with another count cannot take over this one's state by {@code --update}: Dataflow's
   * compatibility check fails on a step missing from the new job, and the Flink runner names each
   * operator (and so its savepoint state) after its step, so Flink refuses the savepoint. Otherwise
   * the new job would carry on with every cluster on a key without its lineage, and the view would
   * count those clusters twice.
   */
  public static String stepName(String step, int shards) {
    int n = Math.max(1, shards);
    // No spaces: the name becomes part of metric ids that tools put into URLs (Flink's REST API).
    return step + "-" + n + (n == 1 ? "-shard" : "-shards");
  }

  /** Which shard holds {@code clusterId}: the same on every runner and release. */
  public static int shardOf(String clusterId, int shards) {
    return shards <= 1 ? 0 : (int) Math.floorMod(StableHash.of(clusterId), (long) shards);
  }
}
