package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class DistinctCountSketchTest {

  @Test
  public void isExactBelowCapacity() {
    DistinctCountSketch s = new DistinctCountSketch(256);
    for (int i = 0; i < 1000; i++) {
      s.add("instance-" + (i % 200));
    }
    assertThat(s.estimate(), is(200L));
  }

  @Test
  public void estimatesWithinTwentyPercentAboveCapacity() {
    DistinctCountSketch s = new DistinctCountSketch(256);
    for (int i = 0; i < 50_000; i++) {
      s.add("instance-" + i);
    }
    assertThat((double) s.estimate(), closeTo(50_000, 10_000));
  }

  @Test
  public void ignoresEmptyValues() {
    DistinctCountSketch s = new DistinctCountSketch();
    s.add("");
    s.add(null);
    assertThat(s.estimate(), is(0L));
  }

  @Test
  public void mergeEqualsAddingEverything() {
    DistinctCountSketch a = new DistinctCountSketch(64);
    DistinctCountSketch b = new DistinctCountSketch(64);
    DistinctCountSketch all = new DistinctCountSketch(64);
    for (int i = 0; i < 5_000; i++) {
      (i % 3 == 0 ? a : b).add("v" + i);
      all.add("v" + i);
    }
    a.merge(b);
    assertThat(a.estimate(), is(all.estimate()));
  }

  @Test
  public void hashIsStableAcrossReleases() {
    // Pinned: a change here changes instance counts above capacity between releases.
    assertThat(Long.toHexString(DistinctCountSketch.hash64("abc")), is("33ebaf9927cbc5bd"));
    assertThat(Long.toHexString(DistinctCountSketch.hash64("instance-1")), is("108e41dbe137bf1e"));
  }
}
