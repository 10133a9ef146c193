package dev.loggardener.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

public class SparklineTest {

  @Test
  public void scalesToTheLargestCountWithDotsForAbsentWindows() {
    assertThat(Sparkline.of(List.of(0L, 1L, 4L, 8L)), is("·▁▄█ (max 8, this window last)"));
  }

  @Test
  public void noHistoryIsADash() {
    assertThat(Sparkline.of(List.of()), is("—"));
  }
}
