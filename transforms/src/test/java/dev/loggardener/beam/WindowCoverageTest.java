package dev.loggardener.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.junit.Test;

/** A backfill's declared coverage: parsed from START/END, and which windows it holds whole. */
public class WindowCoverageTest {
  static IntervalWindow hour(String start) {
    org.joda.time.Instant s = org.joda.time.Instant.parse(start);
    return new IntervalWindow(s, s.plus(org.joda.time.Duration.standardHours(1)));
  }

  @Test
  public void parsesStartAndEndWithOrWithoutSecondsAndWithAnOffset() {
    WindowCoverage c = WindowCoverage.parse("2026-12-01T00:00Z/2026-12-01T03:00:00+01:00");
    assertThat(c.start(), is(Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(c.end(), is(Instant.parse("2026-12-01T02:00:00Z")));
  }

  @Test
  public void holdsAWindowOnlyWhenTheWholeWindowIsInsideStartIncludedEndExcluded() {
    WindowCoverage c = WindowCoverage.parse("2026-12-01T00:00Z/2026-12-01T02:00Z");
    assertThat(c.covers(hour("2026-12-01T00:00:00Z")), is(true));
    assertThat(c.covers(hour("2026-12-01T01:00:00Z")), is(true));
    assertThat(c.covers(hour("2026-12-01T02:00:00Z")), is(false));
    assertThat(c.covers(hour("2026-11-30T23:00:00Z")), is(false));
  }

  @Test
  public void anHourHeldInPartIsNotHeld() {
    WindowCoverage c = WindowCoverage.parse("2026-12-01T00:30Z/2026-12-01T02:00Z");
    assertThat(c.covers(hour("2026-12-01T00:00:00Z")), is(false));
    assertThat(c.covers(hour("2026-12-01T01:00:00Z")), is(true));
  }

  @Test
  public void aRangeThatEndsBeforeItStartsOrIsNotStartSlashEndIsRefused() {
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> WindowCoverage.parse("2026-12-02T00:00Z/2026-12-01T00:00Z"))
            .getMessage(),
        containsString("start before it ends"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> WindowCoverage.parse("yesterday"))
            .getMessage(),
        containsString("START/END"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> WindowCoverage.parse("2026-12-01T00:00/2026-12-02T00:00"))
            .getMessage(),
        containsString("with a zone"));
  }
}
