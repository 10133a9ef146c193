package dev.loggardener.model;

import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

public class LogEntryCoderTest {
  private static LogEntry entry() {
    return LogEntry.builder()
        .timestamp(Instant.parse("2025-06-03T14:02:11.418203123Z"))
        .severity(Severity.ERROR)
        .insertId("683f0c2a000a1b2c3d4e5f60")
        .logName("projects/acme-prod/logs/run.googleapis.com%2Fstderr")
        .logId("run.googleapis.com/stderr")
        .resourceType("cloud_run_revision")
        .resourceLabels(
            Map.of("service_name", "orders-api", "revision_name", "orders-api-00042-xog"))
        .labels(Map.of("instanceId", "0069c7a9"))
        .service("orders-api")
        .revision("orders-api-00042-xog")
        .instanceId("0069c7a9")
        .trace("projects/acme-prod/traces/1b44")
        .spanId("63c6")
        .httpMethod("GET")
        .httpUrl("https://x/v1/orders/1")
        .httpStatus(503)
        .message("psycopg2.OperationalError: timeout\nline two")
        .messageTruncated(true)
        .messageField("textPayload")
        .build();
  }

  @Test
  public void roundTripsEveryField() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(LogEntryCoder.of(), entry());
    CoderProperties.coderDecodeEncodeEqual(
        LogEntryCoder.of(), LogEntry.builder().timestamp(Instant.EPOCH).build());
  }

  @Test
  public void equalEntriesEncodeToEqualBytes() throws Exception {
    CoderProperties.coderDeterministic(LogEntryCoder.of(), entry(), entry());
  }
}
