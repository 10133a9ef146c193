package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import dev.loggardener.cluster.ClusterRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.Test;

public class ClusterRankingTest {

  private static ClusterRow row(String id, String priority, long count, String lastSeen) {
    return SeedReport.base()
        .signatureId(id)
        .signature("sig " + id)
        .priority(priority)
        .count(count)
        .lastSeen(lastSeen == null ? null : Instant.parse("2025-09-16T" + lastSeen + "Z"))
        .build();
  }

  private static final List<ClusterRow> ROWS =
      List.of(
          row("p3-big", "P3", 1000, "00:59:00"),
          row("p0-small", "P0", 1, "00:10:00"),
          row("p1-a", "P1", 20, "00:30:00"),
          row("p1-b-newer", "P1", 20, "00:40:00"),
          row("p1-c-tie-b", "P1", 20, "00:40:00"),
          row("p1-d-more", "P1", 21, "00:01:00"),
          row("p1-no-last-seen", "P1", 20, null),
          row("unknown", "", 5000, "00:59:00"),
          row("p2", "P2", 3, "00:20:00"));

  private static List<String> ids(List<ClusterRow> rows) {
    return rows.stream().map(r -> r.signatureId()).collect(Collectors.toList());
  }

  @Test
  public void ordersByPriorityThenCountThenRecencyThenId() {
    assertThat(
        ids(ClusterRanking.rank(ROWS)),
        contains(
            "p0-small",
            "p1-d-more",
            "p1-b-newer",
            "p1-c-tie-b",
            "p1-a",
            "p1-no-last-seen",
            "p2",
            "p3-big",
            "unknown"));
  }

  @Test
  public void orderDoesNotDependOnInputOrder() {
    List<String> expected = ids(ClusterRanking.rank(ROWS));
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<ClusterRow> shuffled = new ArrayList<>(ROWS);
      Collections.shuffle(shuffled, random);
      assertThat(ids(ClusterRanking.rank(shuffled)), contains(expected.toArray()));
    }
  }

  @Test
  public void comparatorIsSerializable() throws Exception {
    List<ClusterRow> sorted = new ArrayList<>(ROWS);
    sorted.sort(ReportRendererTest.roundTrip(ClusterRanking.ORDER));
    assertThat(ids(sorted), contains(ids(ClusterRanking.rank(ROWS)).toArray()));
  }
}
