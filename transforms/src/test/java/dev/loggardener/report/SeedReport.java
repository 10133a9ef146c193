package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.model.Severity;
import dev.loggardener.priority.Priority;
import dev.loggardener.priority.PriorityClassifier;
import java.time.Instant;
import java.util.List;

/** The seed worklog's seven clusters as rows, prioritized by the real classifier. */
final class SeedReport {
  static final Instant START = Instant.parse("2025-09-16T00:00:00Z");
  static final Instant END = Instant.parse("2025-09-16T01:00:00Z");
  static final String SERVICE = "netra-backend-staging";

  static final String GUNICORN_TRACEBACK =
      "Traceback (most recent call last):\n"
          + "  File \"/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py\", line 608,"
          + " in spawn_worker\n"
          + "    worker.init_process()\n"
          + "  File \"/usr/local/lib/python3.11/site-packages/gunicorn/workers/gthread.py\","
          + " line 134, in init_process";

  private SeedReport() {}

  static ServiceWindowReport report() {
    // Deliberately not in rank order, to show that the renderer ranks.
    List<ClusterRow> rows =
        List.of(
            row(
                "sig-sentry",
                Severity.WARNING,
                15,
                "01:40:00",
                "Sentry SDK not available - install sentry-sdk[fastapi] to enable error tracking",
                "Sentry SDK not available - install sentry-sdk[fastapi] to enable error tracking"),
            row(
                "sig-http",
                Severity.ERROR,
                11,
                "01:41:00",
                "The request failed because either the HTTP response was malformed or connection"
                    + " to the instance had an error.",
                "The request failed because either the HTTP response was malformed or connection"
                    + " to the instance had an error."),
            row(
                "sig-module",
                Severity.ERROR,
                45,
                "01:42:58",
                "Middleware setup failure details: ModuleNotFoundError: No module named '<*>'",
                "Middleware setup failure details: ModuleNotFoundError: No module named"
                    + " 'netra_backend.app.services.monitoring'"),
            row(
                "sig-exit",
                Severity.WARNING,
                9,
                "01:42:21",
                "Container called exit(<*>).",
                "Container called exit(3)."),
            row(
                "sig-middleware",
                Severity.ERROR,
                15,
                "01:42:50",
                "CRITICAL: Enhanced middleware setup failed: No module named '<*>'",
                "CRITICAL: Enhanced middleware setup failed: No module named"
                    + " 'netra_backend.app.services.monitoring'"),
            row(
                "sig-traceback",
                Severity.ERROR,
                15,
                "01:42:40",
                "Traceback (most recent call last): File <*>, line <*>, in spawn_worker",
                GUNICORN_TRACEBACK),
            row(
                "sig-serviceid",
                Severity.WARNING,
                15,
                "01:39:00",
                "SERVICE_ID contained whitespace - sanitized from '<*>' to '<*>'",
                "SERVICE_ID contained whitespace - sanitized from 'netra-backend\n' to"
                    + " 'netra-backend'"));
    return ServiceWindowReport.builder()
        .service(SERVICE)
        .resourceType("cloud_run_revision")
        .windowStart(START)
        .windowEnd(END)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .entriesRead(1000)
        .entriesKept(125)
        .clusters(rows)
        .generatedAt(Instant.parse("2025-09-16T01:05:00Z"))
        .build();
  }

  static ClusterRow row(
      String id, Severity sev, long count, String lastSeenTime, String signature, String sample) {
    Priority p = new PriorityClassifier().classify(sev, signature, sample);
    return base()
        .signatureId(id)
        .signature(signature)
        .severity(sev.name())
        .priority(p.level())
        .priorityReason(p.reason())
        .count(count)
        .lastSeen(Instant.parse("2025-09-16T" + lastSeenTime + "Z"))
        .sampleMessage(sample)
        .build();
  }

  static ClusterRow.Builder base() {
    return ClusterRow.builder()
        .windowStart(START)
        .windowEnd(END)
        .service(SERVICE)
        .resourceType("cloud_run_revision")
        .sigVersion(1)
        .firstSeen(Instant.parse("2025-09-16T00:43:10Z"))
        .sampleInsertId("68c8be12000a1b2c3d4e5f60")
        .sampleTrace("projects/netra-staging/traces/4bf92f3577b34da6a3ce929d0e0e4736")
        .revisions(List.of("netra-backend-staging-00421-abc", "netra-backend-staging-00422-xyz"))
        .logNames(List.of("projects/netra-staging/logs/run.googleapis.com%2Fstderr"))
        .instanceCount(3)
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true);
  }
}
