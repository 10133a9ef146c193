package dev.loggardener.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

public class RecentCountsTest {
  private static final long HOUR = 3_600_000L;

  @Test
  public void lastWindowsOldestFirstWithZerosWhereAbsent() {
    SignatureHistory h = new SignatureHistory();
    long now = 100 * HOUR;
    h.record(now - 3 * HOUR, 5);
    h.record(now - HOUR, 7);
    h.record(now - 30 * HOUR, 99); // older than the trend shows
    List<Long> counts = ClusterStatus.recentCounts(2, h, now, HOUR);
    assertThat(counts, hasSize(ClusterStatus.TREND_WINDOWS));
    assertThat(counts.subList(20, 24), contains(5L, 0L, 7L, 2L));
    assertThat(counts.get(0), is(0L));
  }
}
