package dev.loggardener.issues;

import dev.loggardener.cluster.ClusterRow;
import java.time.Instant;
import java.util.List;

/** Cluster rows for issue tests. */
final class IssueRows {
  private IssueRows() {}

  static ClusterRow.Builder row() {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-09-16T01:00:00Z"))
        .windowEnd(Instant.parse("2025-09-16T02:00:00Z"))
        .service("netra-backend-staging")
        .resourceType("cloud_run_revision")
        .signatureId("85e0d6bea60c4f4b")
        .signature("Middleware setup failure details: ModuleNotFoundError: No module named '<*>'")
        .sigVersion(1)
        .count(45)
        .severity("ERROR")
        .priority("P0")
        .priorityReason("P0: startup failure signal \"ModuleNotFoundError\" in an ERROR cluster")
        .firstSeen(Instant.parse("2025-09-16T01:00:19.829506Z"))
        .lastSeen(Instant.parse("2025-09-16T01:58:17.156409Z"))
        .sampleMessage(
            "Middleware setup failure details: ModuleNotFoundError: No module named 'netra_backend.app.services.monitoring'")
        .sampleInsertId("bfe59d925996cdc0")
        .revisions(List.of("netra-backend-staging-00212-lop"))
        .logNames(List.of("projects/netra-staging/logs/run.googleapis.com%2Fstdout"))
        .instanceCount(4)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .emittedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .rootCauseSignatureId("85e0d6bea60c4f4b")
        .cascadeId("c1")
        .status("NEW");
  }
}
