package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.loggardener.cluster.ClusterRow;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** What the end of a local run's summary lists: rows of one window, or clusters over many. */
public class SummaryClustersTest {
  private static final Instant HOUR = Instant.parse("2025-09-16T01:00:00Z");

  private static ClusterRow row(int hour, String service, String id, long count, String priority) {
    return ClusterRow.builder()
        .windowStart(HOUR.plusSeconds(3600L * hour))
        .windowEnd(HOUR.plusSeconds(3600L * (hour + 1)))
        .service(service)
        .signatureId(id)
        .signature("template " + id)
        .count(count)
        .priority(priority)
        .build();
  }

  private static List<String> described(List<SummaryClusters.Line> lines) {
    return lines.stream()
        .map(
            l ->
                l.priority
                    + " "
                    + l.representative.signatureId()
                    + " "
                    + l.count
                    + " x"
                    + l.windows)
        .collect(Collectors.toList());
  }

  @Test
  public void aRunOverOneWindowListsItsRowsInReportOrder() {
    List<ClusterRow> rows =
        List.of(
            row(0, "api", "small", 3, "P2"),
            row(0, "api", "urgent", 1, "P0"),
            row(0, "api", "big", 40, "P2"));

    assertThat(
        described(SummaryClusters.of(rows)),
        contains("P0 urgent 1 x1", "P2 big 40 x1", "P2 small 3 x1"));
  }

  @Test
  public void aClusterSeenInSeveralWindowsIsListedOnceWithItsCountsSummed() {
    List<ClusterRow> rows =
        List.of(
            row(0, "api", "timeout", 20, "P2"),
            row(1, "api", "timeout", 20, "P2"),
            row(2, "api", "timeout", 20, "P2"),
            row(1, "api", "burst", 50, "P2"));

    assertThat(SummaryClusters.windows(rows), is(3));
    assertThat(described(SummaryClusters.of(rows)), contains("P2 timeout 60 x3", "P2 burst 50 x1"));
  }

  @Test
  public void aClusterRanksByTheHighestPriorityItHadInAnyWindow() {
    List<ClusterRow> rows =
        List.of(
            row(0, "db", "pool", 2, "P3"),
            row(1, "db", "pool", 1, "P1"),
            row(0, "api", "noisy", 500, "P2"),
            row(1, "api", "noisy", 500, "P2"));

    assertThat(described(SummaryClusters.of(rows)), contains("P1 pool 3 x2", "P2 noisy 1000 x2"));
  }

  @Test
  public void theSameClusterIdInTwoServicesIsTwoLines() {
    List<ClusterRow> rows =
        List.of(row(0, "api", "oom", 5, "P2"), row(1, "worker", "oom", 7, "P2"));

    assertThat(
        SummaryClusters.of(rows).stream()
            .map(l -> l.representative.service() + " " + l.count)
            .collect(Collectors.toList()),
        contains("worker 7", "api 5"));
  }
}
