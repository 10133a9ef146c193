package dev.loggardener.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.signature.SignatureRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class EntryPathTest {
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final EntryPath path = new EntryPath(Severity.WARNING, SignatureRules.none());

  private static LogEntry entry(Severity severity, String message) {
    return LogEntry.builder()
        .timestamp(Instant.parse("2025-09-16T01:00:00Z"))
        .severity(severity)
        .service("svc")
        .logName("projects/p/logs/app")
        .insertId("i1")
        .message(message)
        .build();
  }

  @Test
  public void anEntryBelowTheThresholdIsDroppedWithoutADeadLetter() {
    assertThat(path.filterAndSign(entry(Severity.INFO, "fine"), deadLetters::add), nullValue());
    assertThat(deadLetters.isEmpty(), is(true));
  }

  @Test
  public void anEntryAtTheThresholdIsSignedWithItsService() {
    var signed = path.filterAndSign(entry(Severity.ERROR, "Timeout after 30s"), deadLetters::add);
    assertThat(signed, notNullValue());
    assertThat(signed.service, is("svc"));
  }

  @Test
  public void aRecordThatIsNotJsonBecomesADeadLetterWithItsReason() {
    LogEntry parsed = path.parse(RawRecord.of("export.json", 7, "not json"), deadLetters::add);
    assertThat(parsed, nullValue());
    assertThat(deadLetters.size(), is(1));
    assertThat(deadLetters.get(0).stage, is("parse"));
    assertThat(deadLetters.get(0).ordinal, is(7L));
  }

  @Test
  public void anEventTimeBeforeTheInputTimeIsClampedToIt() {
    org.joda.time.Instant input = new org.joda.time.Instant(Long.MAX_VALUE / 2);
    assertThat(path.eventTime(entry(Severity.ERROR, "x"), input), is(input));
  }
}
