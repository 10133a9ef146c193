package dev.loggardener.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/** One count per service and event-time window, stamped with the earliest time it covers. */
public class EntriesReadBufferTest {
  private static final Instant HOUR = Instant.parse("2025-09-16T01:00:00Z");

  @Test
  public void countsPerServiceAndWindowAtTheEarliestEventTime() {
    EntriesReadBuffer buffer = new EntriesReadBuffer(FixedWindows.of(Duration.standardHours(1)));
    buffer.add(GlobalWindow.INSTANCE, "a", HOUR.plus(Duration.standardMinutes(30)));
    buffer.add(GlobalWindow.INSTANCE, "a", HOUR.plus(Duration.standardMinutes(10)));
    buffer.add(GlobalWindow.INSTANCE, "b", HOUR.plus(Duration.standardMinutes(20)));
    buffer.add(GlobalWindow.INSTANCE, "a", HOUR.plus(Duration.standardMinutes(70)));
    List<String> out = new ArrayList<>();
    buffer.drain((service, count, at, window) -> out.add(service + " " + count + " " + at));
    assertThat(
        out,
        contains(
            "a 2 2025-09-16T01:10:00.000Z",
            "b 1 2025-09-16T01:20:00.000Z",
            "a 1 2025-09-16T02:10:00.000Z"));
    assertThat(buffer.isEmpty(), is(true));
  }
}
