package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.loggardener.cluster.ClusterRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ProcessingStatusTest {

  private static ClusterRow row(String sig, String priority, String root, long count) {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-09-16T01:00:00Z"))
        .windowEnd(Instant.parse("2025-09-16T02:00:00Z"))
        .service("svc")
        .signatureId(sig)
        .signature("pattern " + sig)
        .count(count)
        .severity("ERROR")
        .priority(priority)
        .paneTiming("ON_TIME")
        .status("NEW")
        .rootCauseSignatureId(root)
        .cascadeId(root.isEmpty() ? "" : "cas-1")
        .build();
  }

  private static Map<String, ClusterRow> bySig(List<ClusterRow> rows) {
    Map<String, ClusterRow> m = new HashMap<>();
    rows.forEach(r -> m.put(r.signatureId(), r));
    return m;
  }

  @Test
  public void rootGetsAnIssueDraftAndSymptomsPointAtIt() {
    ClusterRow root = row("r", "P0", "r", 45);
    ClusterRow symptom = row("s", "P0", "r", 9);
    Map<String, ClusterRow> m = bySig(List.of(root, symptom));
    assertThat(ProcessingStatus.of(root, m), startsWith("new issue drafted"));
    assertThat(ProcessingStatus.of(symptom, m), startsWith("cascade symptom of r"));
  }

  @Test
  public void knownIssuesAndRegressionsNameTheirTracker() {
    ClusterRow known =
        row("k", "P1", "", 3).toBuilder().trackingIssue("https://t/1").status("REGRESSION").build();
    assertThat(
        ProcessingStatus.of(known, bySig(List.of(known))),
        containsString("regression of known issue https://t/1"));
  }

  @Test
  public void actionsPutTheRootFirstWithWhatItExplains() {
    List<ClusterRow> ranked =
        List.of(row("r", "P0", "r", 45), row("s", "P0", "r", 9), row("w", "P3", "", 15));
    List<Map<String, Object>> actions = ProcessingStatus.actions(ranked, bySig(ranked));
    assertThat(actions, hasSize(2));
    assertThat((String) actions.get(0).get("text"), containsString("fix the root cause r"));
    assertThat(
        (String) actions.get(0).get("text"),
        containsString("explains 1 other cluster (9 entries)"));
    assertThat(
        (String) actions.get(1).get("text"),
        containsString("1 cluster (15 entries) for regular maintenance"));
  }
}
