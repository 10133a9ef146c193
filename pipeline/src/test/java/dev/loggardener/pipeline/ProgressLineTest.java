package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

/** A progress line says entries, rate and, when the input's size is known, share and time left. */
public class ProgressLineTest {
  @Test
  public void ratePerSecondAndTimeLeftAtThatRate() {
    // 100 MB of 400 MB read, 50 MB of it in the last 10 s: 296 MB to 99 % at 5 MB/s.
    assertThat(
        ProgressLine.format(250_000, 100_000_000, 400_000_000, 125_000, 50_000_000, 10),
        equalTo("gardener: 250,000 entries read, 12,500/s, 25 % of the input, about 59 s left"));
  }

  @Test
  public void theFirstLineHasNoRateYet() {
    assertThat(
        ProgressLine.format(50_000, 40_000_000, 41_000_000, 50_000, 40_000_000, 0),
        equalTo("gardener: 50,000 entries read, 98 % of the input"));
  }

  @Test
  public void noShareWhenTheSizeIsUnknown() {
    assertThat(
        ProgressLine.format(1_000, 900_000, 0, 0, 0, 2),
        equalTo("gardener: 1,000 entries read, 500/s"));
  }

  @Test
  public void neverClaimsTheInputIsDone() {
    assertThat(
        ProgressLine.format(10, 1_000, 900, 5, 500, 100),
        equalTo("gardener: 10 entries read, 0/s, 99 % of the input, about 0 s left"));
    assertThat(ProgressLine.duration(754), equalTo("12 min 34 s"));
  }

  @Test
  public void afterTheLastEntryItSaysTheRestIsClustering() {
    assertThat(
        ProgressLine.readingDone(1_000_000, 20),
        equalTo("gardener: all 1,000,000 entries read; clustering and writing for about 20 s"));
  }
}
