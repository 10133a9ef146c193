package dev.loggardener.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.Test;

/** The real entry shapes E1–E9 from docs/notes, one test each. */
public class LogEntryParserExamplesTest {
  private static final String INSTANCE_A =
      "0069c7a988e8db2324f4d2185a6c291c7192b7accfb2680571fd348002745088c690b57c88df5549a5c43264f4b388fe8e6f605b485cf3b49ab33cc676b1ecdb7e9be0ec0270e615b41d8e0d69d7c121";

  private final BothPathsParser parser = new BothPathsParser();

  private LogEntry parse(String fixture) {
    ParseOutcome o = parser.parse(Fixtures.text(fixture));
    assertTrue(o.toString(), o.isOk());
    return o.entry();
  }

  @Test
  public void e1aStderrTracebackStartHasDefaultSeverityAndTextPayload() {
    LogEntry e = parse("e1a.json");
    assertEquals(Severity.DEFAULT, e.severity());
    assertEquals("Traceback (most recent call last):", e.message());
    assertEquals("textPayload", e.messageField());
    assertEquals("run.googleapis.com/stderr", e.logId());
    assertEquals("projects/acme-prod/logs/run.googleapis.com%2Fstderr", e.logName());
    assertEquals("orders-api", e.service());
    assertEquals("orders-api-00042-xog", e.revision());
    assertEquals(INSTANCE_A, e.instanceId());
    assertEquals(Instant.parse("2025-06-03T14:02:11.418203Z"), e.timestamp());
    assertEquals("683f0c2a000a1b2c3d4e5f60", e.insertId());
    assertEquals("cloud_run_revision", e.resourceType());
    assertEquals("us-central1", e.resourceLabels().get("location"));
    assertEquals(0, e.httpStatus());
    assertFalse(e.messageTruncated());
  }

  @Test
  public void e1bFrameLineKeepsLeadingSpaces() {
    LogEntry e = parse("e1b.json");
    assertEquals("  File \"/app/orders/repository.py\", line 88, in fetch_order", e.message());
  }

  @Test
  public void e1cFinalExceptionLine() {
    LogEntry e = parse("e1c.json");
    assertTrue(e.message().startsWith("psycopg2.OperationalError: connection to server"));
    assertEquals(Instant.parse("2025-06-03T14:02:11.418861Z"), e.timestamp());
  }

  @Test
  public void e2StructuredTracebackInJsonPayloadMessage() {
    LogEntry e = parse("e2.json");
    assertEquals(Severity.ERROR, e.severity());
    assertEquals("jsonPayload.message", e.messageField());
    assertTrue(e.message().startsWith("Unhandled error while fetching order ord_8f3k2\nTraceback"));
    assertTrue(e.message().endsWith("couldn't get a connection after 30.00 sec"));
    assertEquals("projects/acme-prod/traces/1b44ef2a19bfb072833fdaa7d0345786", e.trace());
    assertEquals("63c6af8c18e48564", e.spanId());
    assertEquals("orders-read", e.labels().get("component"));
    assertEquals("run.googleapis.com/stdout", e.logId());
  }

  @Test
  public void e3OomSystemLog() {
    LogEntry e = parse("e3.json");
    assertEquals(Severity.ERROR, e.severity());
    assertEquals("run.googleapis.com/varlog/system", e.logId());
    assertTrue(e.message().startsWith("Memory limit of 512 MiB exceeded with 531 MiB used."));
    assertEquals("orders-api-1", e.labels().get("container_name"));
  }

  @Test
  public void e4ContainerExitWarning() {
    LogEntry e = parse("e4.json");
    assertEquals(Severity.WARNING, e.severity());
    assertEquals("Container called exit(3).", e.message());
    assertEquals("orders-api-00043-lup", e.revision());
  }

  @Test
  public void e5RequestLogPrefersTextPayloadAndKeepsHttpFields() {
    LogEntry e = parse("e5.json");
    assertEquals(Severity.ERROR, e.severity());
    assertEquals("textPayload", e.messageField());
    assertTrue(e.message().startsWith("The request failed because either the HTTP response"));
    assertEquals(503, e.httpStatus());
    assertEquals("GET", e.httpMethod());
    assertEquals("https://orders-api-7q2xk3lmfa-uc.a.run.app/v1/orders/ord_91mzq", e.httpUrl());
    assertEquals("run.googleapis.com/requests", e.logId());
  }

  @Test
  public void e6RetryWarningInAnotherServiceSharesTrace() {
    LogEntry e = parse("e6.json");
    assertEquals(Severity.WARNING, e.severity());
    assertEquals("checkout-api", e.service());
    assertEquals("checkout-api-00118-baz", e.revision());
    assertEquals(parse("e5.json").trace(), e.trace());
    assertEquals(
        "orders-api returned 503 for GET /v1/orders/ord_91mzq; retrying (attempt 2/3) in 400ms",
        e.message());
  }

  @Test
  public void e7CloudRunJobUsesJobNameAndHasNoRevision() {
    LogEntry e = parse("e7.json");
    assertEquals("cloud_run_job", e.resourceType());
    assertEquals("nightly-reconcile", e.service());
    assertEquals("", e.revision());
    assertEquals("3", e.labels().get("run.googleapis.com/task_index"));
    assertEquals("Container called exit(1).", e.message());
  }

  @Test
  public void e8ReportedErrorEventMessageAndRevision() {
    LogEntry e = parse("e8.json");
    assertEquals("payments-worker", e.service());
    assertEquals("Stripe webhook signature mismatch for event evt_1PQx8b2eZvKYlo2C", e.message());
    assertEquals("payments-worker-00007-qev", e.revision()); // Cloud Run label beats serviceContext
    assertEquals("jsonPayload.message", e.messageField());
  }

  @Test
  public void e9PubSubEnvelopeDataDecodesToE4() throws Exception {
    JsonNode env = new ObjectMapper().readTree(Fixtures.text("e9.json"));
    String data =
        new String(
            Base64.getDecoder().decode(env.at("/message/data").asText()), StandardCharsets.UTF_8);
    LogEntry e = parser.parse(data).entry();
    assertEquals(parse("e4.json"), e);
    assertEquals(
        Instant.parse(env.at("/message/attributes/logging.googleapis.com~1timestamp").asText()),
        e.timestamp());
  }

  @Test
  public void e9EnvelopeItselfIsNotALogEntry() {
    assertEquals(FailureReason.MISSING_TIMESTAMP, parser.parse(Fixtures.text("e9.json")).reason());
  }
}
