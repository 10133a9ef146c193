package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * The clusters a local run's summary lists are the ones the view counts, even when a stream left a
 * cluster two final rows or a final tombstone.
 */
public class RunSummaryRowsTest {
  private static final Instant HOUR = Instant.parse("2025-06-03T14:00:00Z");

  private static ClusterRow row(String cluster, long seq, long count, boolean fin) {
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
        .runId("run-1")
        .emitSeq(seq)
        .isFinal(fin)
        .build();
  }

  private static List<String> listed(ClusterRow... rows) throws Exception {
    Path out = Files.createTempDirectory("summary-rows");
    Files.createDirectories(out.resolve("clusters"));
    Files.write(
        out.resolve("clusters/clusters-20250603T1400Z-pane-0-00000-of-00001.jsonl"),
        List.of(rows).stream().map(ClusterRowJson::toJson).collect(Collectors.toList()),
        StandardCharsets.UTF_8);
    return RunSummary.readLocalRows(out.toString()).stream()
        .map(r -> r.clusterId() + " x" + r.count())
        .collect(Collectors.toList());
  }

  @Test
  public void aClusterWithTwoFinalRowsIsListedOnceWithItsLatest() throws Exception {
    assertThat(
        listed(row("a", 1, 3, false), row("a", 2, 5, true), row("a", 3, 5, true)),
        contains("a x5"));
  }

  @Test
  public void aFinalTombstoneIsNotListed() throws Exception {
    ClusterRow tombstone = row("b", 2, 0, true).toBuilder().supersededBy("a").build();
    assertThat(listed(row("a", 1, 4, true), row("b", 1, 2, false), tombstone), contains("a x4"));
  }

  @Test
  public void aClusterWhoseLatestRowIsNotFinalIsNotListed() throws Exception {
    assertThat(listed(row("a", 1, 4, true), row("c", 1, 2, false)), contains("a x4"));
  }
}
