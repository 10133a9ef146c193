package dev.loggardener.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/** The spike threshold: 10x the hourly maximum while young, Sentry's forecast once a week old. */
public class SpikeRuleTest {
  private static final long HOUR = 3_600_000L;

  @Test
  public void aYoungSignatureSpikesAboveTenTimesItsMaximum() {
    SignatureHistory h = new SignatureHistory();
    h.record(0, 5);
    h.record(HOUR, 6);
    assertThat(SpikeRule.isSpike(60, h, 2 * HOUR, HOUR), is(false));
    assertThat(SpikeRule.isSpike(61, h, 2 * HOUR, HOUR), is(true));
  }

  @Test
  public void aWeekOldSteadySignatureUsesTheMeanAndItsSpread() {
    SignatureHistory h = new SignatureHistory();
    for (int i = 0; i < 200; i++) {
      h.record(i * HOUR, 20);
    }
    // Steady 20/h: spike term 20 + 5*20 = 120, bursty term 20 * 5 = 100.
    assertThat(SpikeRule.isSpike(120, h, 200 * HOUR, HOUR), is(false));
    assertThat(SpikeRule.isSpike(121, h, 200 * HOUR, HOUR), is(true));
  }

  @Test
  public void smallCountsNeverSpike() {
    SignatureHistory h = new SignatureHistory();
    h.record(0, 0);
    assertThat(SpikeRule.isSpike(9, h, HOUR, HOUR), is(false));
  }
}
