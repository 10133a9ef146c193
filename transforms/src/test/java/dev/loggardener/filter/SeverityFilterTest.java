package dev.loggardener.filter;

import static org.junit.Assert.assertEquals;

import dev.loggardener.filter.SeverityFilter.Decision;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.time.Instant;
import org.junit.Test;

public class SeverityFilterTest {
  private final SeverityFilter warningAndUp = new SeverityFilter(Severity.WARNING);

  static LogEntry entry(Severity s, String logId, String field, String message) {
    return LogEntry.builder()
        .timestamp(Instant.parse("2025-06-03T14:02:11Z"))
        .severity(s)
        .logId(logId)
        .messageField(field)
        .message(message)
        .build();
  }

  @Test
  public void atOrAboveThresholdIsKept() {
    assertEquals(
        Decision.KEEP, warningAndUp.decide(entry(Severity.WARNING, "x", "textPayload", "hi")));
    assertEquals(Decision.KEEP, warningAndUp.decide(entry(Severity.ERROR, "x", "empty", "")));
  }

  @Test
  public void belowThresholdIsFiltered() {
    assertEquals(
        Decision.FILTER,
        warningAndUp.decide(entry(Severity.INFO, "x", "jsonPayload.message", "ERROR: boom")));
  }

  @Test
  public void defaultSeverityStderrTracebackIsKept() {
    assertEquals(
        Decision.KEEP,
        warningAndUp.decide(
            entry(
                Severity.DEFAULT,
                "run.googleapis.com/stderr",
                "textPayload",
                "Traceback (most recent call last):")));
  }

  @Test
  public void defaultSeverityInfoLineIsFiltered() {
    assertEquals(
        Decision.FILTER,
        warningAndUp.decide(
            entry(
                Severity.DEFAULT,
                "run.googleapis.com/stderr",
                "textPayload",
                "Listening at: http://0.0.0.0:8080 (1)")));
  }

  @Test
  public void defaultThresholdKeepsEverything() {
    assertEquals(
        Decision.KEEP,
        new SeverityFilter(Severity.DEFAULT).decide(entry(Severity.DEFAULT, "x", "empty", "")));
  }
}
