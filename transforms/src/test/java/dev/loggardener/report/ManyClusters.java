package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.priority.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of one (service, window) with many clusters, for the capped-report specifications: all four
 * priorities, distinct counts and last-seen times, so the ranking has no ties to hide in.
 */
public final class ManyClusters {
  public static final Instant START = Instant.parse("2025-09-16T01:00:00Z");
  public static final Instant END = Instant.parse("2025-09-16T02:00:00Z");
  public static final String SERVICE = "orders-api";

  private ManyClusters() {}

  /** {@code n} clusters, {@code sig-0000}…; priority P(i mod 4), count 1 + (i * 7919) mod 1000. */
  public static List<ClusterRow> rows(int n) {
    List<ClusterRow> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          row(String.format("sig-%04d", i), Priority.LEVELS.get(i % 4), 1 + (i * 7919L) % 1000)
              .lastSeen(START.plusSeconds(i % 3600))
              .build());
    }
    return out;
  }

  public static ClusterRow.Builder row(String signatureId, String priority, long count) {
    return ClusterRow.builder()
        .windowStart(START)
        .windowEnd(END)
        .service(SERVICE)
        .resourceType("cloud_run_revision")
        .signatureId(signatureId)
        .signature("Failure in step " + signatureId + ": <*>")
        .sigVersion(2)
        .count(count)
        .severity("ERROR")
        .priority(priority)
        .priorityReason("test")
        .firstSeen(START)
        .lastSeen(START.plusSeconds(60))
        .sampleMessage("Failure in step " + signatureId + ": 42")
        .revisions(List.of("orders-api-00001-abc"))
        .logNames(List.of("projects/p/logs/run.googleapis.com%2Fstderr"))
        .instanceCount(1)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .status("ONGOING")
        .rootCauseSignatureId(signatureId);
  }

  /** The digest of {@code rows}, each the first of its cluster, listing at most {@code max}. */
  public static WindowDigest digest(int max, List<ClusterRow> rows, long entriesRead) {
    WindowDigest d = new WindowDigest(max);
    rows.forEach(r -> d.add(ReportInput.row(r, null)));
    d.add(ReportInput.entriesRead(entriesRead));
    return d;
  }

  /** The report a pipeline renders from {@code d}, with the seed report's pane fields. */
  public static ServiceWindowReport report(
      WindowDigest d, String service, Instant start, Instant end, Instant generatedAt) {
    return ServiceWindowReport.builder()
        .service(service)
        .resourceType(d.resourceType())
        .windowStart(start)
        .windowEnd(end)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .entriesRead(d.entriesRead())
        .entriesKept(d.tally().totalEntries())
        .clusters(d.shownRows())
        .windowTally(d.tally())
        .cascadeRows(d.cascadeRowsNotShown())
        .generatedAt(generatedAt)
        .build();
  }
}
