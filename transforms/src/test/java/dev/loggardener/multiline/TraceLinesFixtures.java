package dev.loggardener.multiline;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Severity-less stderr lines of one Cloud Run instance, as Cloud Logging stores them. */
final class TraceLinesFixtures {
  static final Instant T0 = Instant.parse("2025-06-03T14:02:11.418203Z");
  static final String STDERR = "projects/acme-prod/logs/run.googleapis.com%2Fstderr";

  static final List<String> PYTHON =
      List.of(
          "Traceback (most recent call last):",
          "  File \"/app/orders/repository.py\", line 88, in fetch_order",
          "    conn = pool.getconn()",
          "  File \"/usr/local/lib/python3.12/site-packages/psycopg2/pool.py\", line 170, in getconn",
          "    return self._connect(key)",
          "psycopg2.OperationalError: connection to server at \"10.8.0.3\", port 5432 failed: timeout expired");

  private TraceLinesFixtures() {}

  static LogEntry line(String instance, int index, long micros, String text) {
    return LogEntry.builder()
        .timestamp(T0.plusNanos(micros * 1_000))
        .severity(Severity.DEFAULT)
        .insertId(String.format("%s-%04d", instance, index))
        .logName(STDERR)
        .logId("run.googleapis.com/stderr")
        .resourceType("cloud_run_revision")
        .labels(Map.of("instanceId", instance))
        .service("orders-api")
        .revision("orders-api-00042-xog")
        .instanceId(instance)
        .message(text)
        .messageField("textPayload")
        .build();
  }

  /** Lines {@code stepMicros} apart, starting {@code fromMicros} after T0. */
  static List<LogEntry> lines(
      String instance, long fromMicros, long stepMicros, List<String> texts) {
    List<LogEntry> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(
          line(instance, (int) (fromMicros / 1000) + i, fromMicros + i * stepMicros, texts.get(i)));
    }
    return out;
  }
}
