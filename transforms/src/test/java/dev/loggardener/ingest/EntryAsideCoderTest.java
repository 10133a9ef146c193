package dev.loggardener.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.time.Instant;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/** Each kind of aside survives its coder, nested among other values. */
public class EntryAsideCoderTest {
  private static EntryAside roundTrip(EntryAside a) throws Exception {
    return CoderUtils.decodeFromByteArray(
        EntryAsideCoder.of(), CoderUtils.encodeToByteArray(EntryAsideCoder.of(), a));
  }

  @Test
  public void everyKindRoundTrips() throws Exception {
    EntryAside dead =
        EntryAside.deadLetter(
            new DeadLetter(
                "f.json", 7, "parse", "not_json", "InvalidLogEntry", "d", "{", 1, false));
    LogEntry line =
        LogEntry.builder()
            .timestamp(Instant.parse("2025-09-16T01:00:00Z"))
            .severity(Severity.DEFAULT)
            .insertId("x1")
            .logName("projects/p/logs/stderr")
            .message("Traceback (most recent call last):")
            .build();
    EntryAside trace = EntryAside.traceLine(line);
    EntryAside count = EntryAside.entriesRead("orders", 1234567L);
    assertThat(roundTrip(dead), equalTo(dead));
    assertThat(roundTrip(trace).traceLine().insertId(), equalTo("x1"));
    assertThat(roundTrip(trace).traceLine().message(), equalTo(line.message()));
    assertThat(roundTrip(count), equalTo(count));
  }
}
