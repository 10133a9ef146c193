package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/**
 * Where a cluster's rows go after grouping: one key per (window, service) and shard of the cluster
 * id, the same for every row of a cluster, so its tombstones meet its rows; a service's clusters
 * spread over the shards; one shard is the (window, service) itself.
 */
public class PostAggregationKeyTest {
  private static final Instant H0 = Instant.parse("2025-09-16T01:00:00Z");

  @Test
  public void everyRowOfAClusterHasOneKeyAndAServicesClustersSpreadOverTheShards() {
    Set<String> keys = new TreeSet<>();
    for (int i = 0; i < 40; i++) {
      String cluster = "cluster-" + i;
      String key = PostAggregationKey.of("svc", H0, cluster, 4);
      assertThat(PostAggregationKey.of("svc", H0, cluster, 4), equalTo(key));
      int shard = PostAggregationKey.shardOf(cluster, 4);
      assertThat(key, equalTo(PostAggregationKey.ofShard("svc", H0, shard, 4)));
      keys.add(key);
    }
    assertThat(keys.size(), equalTo(4));
  }

  @Test
  public void theShardOfAClusterIdIsFixedAcrossRunnersAndReleases() {
    // Pinned: a change here would move clusters to keys without their state (lineage, emit_seq).
    assertThat(PostAggregationKey.shardOf("64c0519f8d00cdca", 4), is(0));
    assertThat(PostAggregationKey.shardOf("d677a30314b7e937", 4), is(2));
    assertThat(PostAggregationKey.shardOf("342501e7e101aacf", 4), is(2));
    assertThat(PostAggregationKey.shardOf("a", 1), is(0));
    assertThat(PostAggregationKey.shardOf("b", 7) < 7, is(true));
    assertThat(PostAggregationKey.shardOf("b", 7) >= 0, is(true));
  }

  @Test
  public void oneShardIsTheWindowAndServiceItself() {
    assertThat(
        PostAggregationKey.of("svc", H0, "any", 1), equalTo("svc\u0000" + H0.toEpochMilli()));
    assertThat(PostAggregationKey.of("svc", H0).length(), greaterThan(3));
  }

  @Test
  public void aStepKeyedByShardsNamesTheirCountWithoutSpaces() {
    assertThat(PostAggregationKey.stepName("ApplyAnalysis", 4), equalTo("ApplyAnalysis-4-shards"));
    assertThat(PostAggregationKey.stepName("ApplyAnalysis", 1), equalTo("ApplyAnalysis-1-shard"));
    assertThat(PostAggregationKey.stepName("ApplyAnalysis", 0), equalTo("ApplyAnalysis-1-shard"));
  }
}
