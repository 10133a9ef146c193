package dev.loggardener.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.Test;

/** Field mapping, message precedence and bad inputs of {@link LogEntryParser}. */
public class LogEntryParserTest {
  private static final String TS = "\"timestamp\":\"2025-06-03T14:02:11.418203Z\"";
  private final BothPathsParser parser = new BothPathsParser();

  private LogEntry ok(String json) {
    ParseOutcome o = parser.parse(json);
    assertTrue(o.toString(), o.isOk());
    return o.entry();
  }

  private String reason(String json) {
    ParseOutcome o = parser.parse(json);
    assertFalse("expected a failure for " + json, o.isOk());
    assertTrue(o.detail() != null);
    return o.reason();
  }

  // --- bad inputs ------------------------------------------------------------------------------

  @Test
  public void plainTextIsNotJson() {
    assertEquals(FailureReason.NOT_JSON, reason("Traceback (most recent call last):"));
  }

  @Test
  public void emptyInputIsNotJson() {
    assertEquals(FailureReason.NOT_JSON, reason(""));
    assertEquals(FailureReason.NOT_JSON, reason("   "));
  }

  @Test
  public void trailingContentAfterObjectIsNotJson() {
    assertEquals(FailureReason.NOT_JSON, reason("{" + TS + "} extra"));
  }

  @Test
  public void truncatedNdjsonLineIsTruncatedJson() {
    assertEquals(FailureReason.TRUNCATED_JSON, reason("{" + TS + ",\"severity\":\"ERR"));
    assertEquals(FailureReason.TRUNCATED_JSON, reason("{" + TS + ",\"labels\":{\"a\":"));
  }

  @Test
  public void nonObjectValuesAreNotAnObject() {
    for (String v : new String[] {"42", "\"text\"", "[1,2]", "null", "true"}) {
      assertEquals(v, FailureReason.NOT_AN_OBJECT, reason(v));
    }
  }

  @Test
  public void missingTimestampIsReported() {
    assertEquals(FailureReason.MISSING_TIMESTAMP, reason("{\"textPayload\":\"x\"}"));
    assertEquals(FailureReason.MISSING_TIMESTAMP, reason("{\"timestamp\":null}"));
  }

  @Test
  public void unparseableTimestampIsBadTimestamp() {
    assertEquals(FailureReason.BAD_TIMESTAMP, reason("{\"timestamp\":\"yesterday\"}"));
    assertEquals(FailureReason.BAD_TIMESTAMP, reason("{\"timestamp\":\"2025-13-03T14:02:11Z\"}"));
    assertEquals(FailureReason.BAD_TIMESTAMP, reason("{\"timestamp\":\"2025-06-03T14:02:11\"}"));
  }

  @Test
  public void numericTimestampIsBadTimestamp() {
    assertEquals(FailureReason.BAD_TIMESTAMP, reason("{\"timestamp\":1748959331}"));
    assertEquals(FailureReason.BAD_TIMESTAMP, reason("{\"timestamp\":{\"seconds\":1}}"));
  }

  @Test
  public void fiveThousandLevelNestingIsNestingTooDeep() {
    String json = "{" + TS + ",\"jsonPayload\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertEquals(FailureReason.NESTING_TOO_DEEP, reason(json));
  }

  @Test
  public void nestingWithinTheLimitParses() {
    String json =
        "{"
            + TS
            + ",\"jsonPayload\":{\"message\":\"m\",\"d\":"
            + "[".repeat(900)
            + "]".repeat(900)
            + "}}";
    assertEquals("m", ok(json).message());
  }

  @Test
  public void readerFailuresPassThroughTheRawRecordOverload() {
    RawRecord bad = RawRecord.failed("f", 7, "{\"x\":\"\uFFFD\"}", FailureReason.INVALID_UTF8);
    ParseOutcome o = parser.parse(bad);
    assertEquals(FailureReason.INVALID_UTF8, o.reason());
    assertTrue(o.detail().contains("f#7"));
    assertEquals(
        FailureReason.RECORD_TOO_LARGE,
        parser.parse(RawRecord.failed("f", 8, "{", FailureReason.RECORD_TOO_LARGE)).reason());
    assertTrue(parser.parse(RawRecord.of("f", 9, "{" + TS + "}")).isOk());
  }

  @Test
  public void threeMegabyteMessageIsParsedAndCapped() {
    String big = "y".repeat(3 * 1024 * 1024);
    LogEntry e = ok("{" + TS + ",\"textPayload\":\"" + big + "\"}");
    assertEquals(LogEntryParser.MAX_MESSAGE_CHARS, e.message().length());
    assertTrue(e.messageTruncated());
    assertEquals("textPayload", e.messageField());
  }

  @Test
  public void capNeverSplitsASurrogatePair() {
    String msg = "a".repeat(LogEntryParser.MAX_MESSAGE_CHARS - 1) + "🚀🚀";
    LogEntry e = ok("{" + TS + ",\"textPayload\":\"" + msg + "\"}");
    assertEquals(LogEntryParser.MAX_MESSAGE_CHARS - 1, e.message().length());
    assertTrue(e.messageTruncated());
  }

  // --- timestamps ------------------------------------------------------------------------------

  private Instant ts(String value) {
    return ok("{\"timestamp\":\"" + value + "\"}").timestamp();
  }

  @Test
  public void timestampWithoutFraction() {
    assertEquals(Instant.parse("2025-06-03T14:02:11Z"), ts("2025-06-03T14:02:11Z"));
  }

  @Test
  public void timestampWithMillis() {
    assertEquals(Instant.parse("2025-06-03T14:02:11.418Z"), ts("2025-06-03T14:02:11.418Z"));
  }

  @Test
  public void timestampWithMicros() {
    assertEquals(Instant.parse("2025-06-03T14:02:11.418203Z"), ts("2025-06-03T14:02:11.418203Z"));
  }

  @Test
  public void timestampWithNanosKeepsFullPrecision() {
    Instant i = ts("2022-07-25T22:19:09.903683708Z");
    assertEquals(903683708, i.getNano());
    assertEquals(Instant.parse("2022-07-25T22:19:09.903683708Z"), i);
  }

  @Test
  public void timestampWithOddFractionDigits() {
    assertEquals(100_000_000, ts("2025-06-03T14:02:11.1Z").getNano());
    assertEquals(12_345_000, ts("2025-06-03T14:02:11.012345Z").getNano());
  }

  @Test
  public void timestampWithPositiveAndNegativeOffsets() {
    assertEquals(Instant.parse("2025-06-03T12:02:11.5Z"), ts("2025-06-03T14:02:11.5+02:00"));
    assertEquals(Instant.parse("2025-06-03T21:32:11Z"), ts("2025-06-03T14:02:11-07:30"));
    assertEquals(Instant.parse("2025-06-03T14:02:11Z"), ts("2025-06-03t14:02:11z"));
    assertEquals(Instant.parse("2025-06-03T14:02:11Z"), ts("2025-06-03 14:02:11+00:00"));
  }

  // --- field mapping ---------------------------------------------------------------------------

  @Test
  public void absentSeverityIsDefault() {
    assertEquals(Severity.DEFAULT, ok("{" + TS + ",\"textPayload\":\"x\"}").severity());
  }

  @Test
  public void unknownSeverityIsDefault() {
    assertEquals(Severity.DEFAULT, ok("{" + TS + ",\"severity\":\"LOUD\"}").severity());
  }

  @Test
  public void severityFallsBackToJsonPayloadSeverityThenLevel() {
    assertEquals(
        Severity.ERROR,
        ok("{" + TS + ",\"jsonPayload\":{\"severity\":\"error\",\"message\":\"m\"}}").severity());
    assertEquals(
        Severity.WARNING,
        ok("{" + TS + ",\"jsonPayload\":{\"level\":\"warn\",\"message\":\"m\"}}").severity());
    assertEquals(
        Severity.INFO,
        ok("{" + TS + ",\"severity\":\"INFO\",\"jsonPayload\":{\"level\":\"error\"}}").severity());
  }

  @Test
  public void logIdIsUrlDecoded() {
    LogEntry e =
        ok("{" + TS + ",\"logName\":\"projects/p/logs/cloudaudit.googleapis.com%2Factivity\"}");
    assertEquals("cloudaudit.googleapis.com/activity", e.logId());
    assertEquals("a+b/c", LogEntryParser.logId("projects/p/logs/a+b%2Fc"));
    assertEquals("bad%zz", LogEntryParser.logId("projects/p/logs/bad%zz"));
    assertEquals("plain", LogEntryParser.logId("plain"));
  }

  @Test
  public void httpStatusMayBeAString() {
    LogEntry e = ok("{" + TS + ",\"httpRequest\":{\"requestMethod\":\"POST\",\"status\":\"502\"}}");
    assertEquals(502, e.httpStatus());
  }

  @Test
  public void labelValuesThatAreNotStringsAreStringified() {
    LogEntry e = ok("{" + TS + ",\"labels\":{\"n\":3,\"b\":true,\"z\":null}}");
    assertEquals("3", e.labels().get("n"));
    assertEquals("true", e.labels().get("b"));
    assertFalse(e.labels().containsKey("z"));
  }

  @Test
  public void parserSurvivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(parser.parser());
    }
    LogEntryParser copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (LogEntryParser) in.readObject();
    }
    assertTrue(copy.parse("{" + TS + "}").isOk());
  }

  // --- message precedence ----------------------------------------------------------------------

  private LogEntry msg(String rest) {
    return ok("{" + TS + "," + rest + "}");
  }

  @Test
  public void jsonPayloadMessageWinsOverOtherKeys() {
    LogEntry e = msg("\"jsonPayload\":{\"msg\":\"b\",\"message\":\"a\",\"error\":\"c\"}");
    assertEquals("a", e.message());
    assertEquals("jsonPayload.message", e.messageField());
  }

  @Test
  public void msgIsUsedWhenMessageIsAbsentOrBlank() {
    LogEntry e = msg("\"jsonPayload\":{\"message\":\"  \",\"msg\":\"b\",\"error\":\"c\"}");
    assertEquals("b", e.message());
    assertEquals("jsonPayload.msg", e.messageField());
  }

  @Test
  public void errorObjectContributesItsMessage() {
    LogEntry e = msg("\"jsonPayload\":{\"error\":{\"message\":\"boom\",\"code\":5}}");
    assertEquals("boom", e.message());
    assertEquals("jsonPayload.error", e.messageField());
  }

  @Test
  public void usualKeysFollowTheDocumentedOrder() {
    assertEquals(
        "jsonPayload.exception",
        msg("\"jsonPayload\":{\"log\":\"l\",\"exception\":\"x\",\"stack_trace\":\"s\"}")
            .messageField());
    assertEquals(
        "jsonPayload.stacktrace",
        msg("\"jsonPayload\":{\"log\":\"l\",\"stacktrace\":\"s\",\"err\":\"e\"}").messageField());
    assertEquals(
        "jsonPayload.event",
        msg("\"jsonPayload\":{\"log\":\"l\",\"text\":\"t\",\"event\":\"e\"}").messageField());
    assertEquals("jsonPayload.log", msg("\"jsonPayload\":{\"log\":\"l\",\"a\":1}").messageField());
  }

  @Test
  public void textPayloadIsUsedWhenJsonPayloadHasNoMessage() {
    LogEntry e = msg("\"textPayload\":\"plain\"");
    assertEquals("plain", e.message());
    assertEquals("textPayload", e.messageField());
  }

  @Test
  public void protoPayloadStatusMessageIsUsed() {
    LogEntry e =
        msg(
            "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\","
                + "\"status\":{\"code\":7,\"message\":\"PERMISSION_DENIED\"}}");
    assertEquals("PERMISSION_DENIED", e.message());
    assertEquals("protoPayload.status.message", e.messageField());
  }

  @Test
  public void requestLogWithoutTextBecomesMethodPathStatus() {
    LogEntry e =
        msg(
            "\"httpRequest\":{\"requestMethod\":\"GET\",\"requestUrl\":"
                + "\"https://orders-api-7q2xk3lmfa-uc.a.run.app/v1/orders/ord_91mzq?x=1#f\",\"status\":503}");
    assertEquals("GET /v1/orders/ord_91mzq 503", e.message());
    assertEquals("httpRequest", e.messageField());
  }

  @Test
  public void urlPathHandlesHostOnlyAndRelativeUrls() {
    assertEquals("/", LogEntryParser.urlPath("https://example.com"));
    assertEquals("/", LogEntryParser.urlPath("https://example.com?q=1"));
    assertEquals("/a/b", LogEntryParser.urlPath("/a/b?q=1"));
    assertEquals("/", LogEntryParser.urlPath(null));
  }

  @Test
  public void jsonPayloadWithoutMessageKeysIsRenderedSorted() {
    LogEntry e =
        msg(
            "\"jsonPayload\":{\"zeta\":\"z\",\"alpha\":1,\"severity\":\"ERROR\","
                + "\"level\":\"e\",\"time\":\"t\",\"timestamp\":\"t\",\"logging.googleapis.com/trace\":\"x\","
                + "\"nested\":{\"a\":1},\"ok\":true,\"blank\":\"\"}");
    assertEquals("alpha=1 ok=true zeta=z", e.message());
    assertEquals("jsonPayload", e.messageField());
  }

  @Test
  public void renderingIsCapped() {
    LogEntry e = msg("\"jsonPayload\":{\"a\":\"" + "v".repeat(5000) + "\"}");
    assertEquals(LogEntryParser.MAX_RENDERED_CHARS, e.message().length());
    assertTrue(e.messageTruncated());
  }

  @Test
  public void emptyPayloadParsesWithEmptyMessage() {
    LogEntry e = ok("{" + TS + ",\"severity\":\"ERROR\"}");
    assertEquals("", e.message());
    assertEquals("empty", e.messageField());
    assertEquals(Severity.ERROR, e.severity());
  }

  @Test
  public void allEmptyPayloadsGiveEmptyMessage() {
    LogEntry e =
        msg("\"severity\":\"ERROR\",\"textPayload\":\"\",\"jsonPayload\":{\"message\":\"\"}");
    assertEquals("", e.message());
    assertEquals("empty", e.messageField());
  }

  @Test
  public void seedWorklogStructuredSampleUsesMessageAndInnerSeverity() {
    LogEntry e =
        msg(
            "\"jsonPayload\":{\"message\":\"CRITICAL: Enhanced middleware setup failed: "
                + "No module named 'netra_backend.app.services.monitoring'\",\"severity\":\"ERROR\"}");
    assertEquals(Severity.ERROR, e.severity());
    assertTrue(e.message().startsWith("CRITICAL: Enhanced middleware"));
  }
}
