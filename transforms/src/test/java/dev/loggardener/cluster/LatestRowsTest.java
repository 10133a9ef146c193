package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;

import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** Within a run lineage a cluster's latest row supersedes its earlier ones, as the view reads. */
public class LatestRowsTest {
  private static final Instant HOUR = Instant.parse("2025-06-03T14:00:00Z");

  private static ClusterRow row(String cluster, String run, long seq, long count) {
    return ClusterRow.builder()
        .windowStart(HOUR)
        .windowEnd(HOUR.plusSeconds(3600))
        .service("api")
        .signatureId(cluster)
        .signature("template " + cluster)
        .sampleMessage("template " + cluster)
        .count(count)
        .firstSeen(HOUR)
        .lastSeen(HOUR)
        .runId(run)
        .emitSeq(seq)
        .build();
  }

  private static List<String> described(List<ClusterRow> rows) {
    return rows.stream().map(r -> r.clusterId() + " " + r.runId() + " x" + r.count()).toList();
  }

  @Test
  public void theHighestEmitSeqOfALineageWinsWhateverTheOrder() {
    List<ClusterRow> rows = List.of(row("a", "run-1", 2, 5), row("a", "run-1", 1, 3));
    assertThat(described(LatestRows.perLineage(rows)), contains("a run-1 x5"));
  }

  @Test
  public void lineagesAndClustersAreKeptApart() {
    List<ClusterRow> rows =
        List.of(row("a", "run-1", 1, 3), row("a", "run-2", 1, 2), row("b", "run-1", 1, 7));
    assertThat(
        described(LatestRows.perLineage(rows)),
        containsInAnyOrder("a run-1 x3", "a run-2 x2", "b run-1 x7"));
  }

  @Test
  public void aTombstoneThatCameLastIsTheLatestRow() {
    ClusterRow tombstone = row("a", "run-1", 2, 0).toBuilder().supersededBy("g").build();
    List<ClusterRow> latest = LatestRows.perLineage(List.of(row("a", "run-1", 1, 3), tombstone));
    assertThat(latest, contains(tombstone));
  }
}
