package dev.loggardener.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** The evidence a cluster carries is bounded and the same whatever order it was built in. */
public class CascadeEvidenceTest {
  private static final Instant HOUR = Instant.parse("2025-09-16T01:00:00Z");

  private static List<Object[]> entries(int n) {
    Random rnd = new Random(42);
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Object[] {
            "instance-" + rnd.nextInt(6),
            HOUR.plusMillis(rnd.nextInt(3_600_000)),
            "id" + i,
            "projects/p/traces/" + rnd.nextInt(200)
          });
    }
    return out;
  }

  private static CascadeEvidence build(List<Object[]> entries, int parts, long seed) {
    List<Object[]> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new Random(seed));
    List<CascadeEvidence> partials = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      partials.add(new CascadeEvidence());
    }
    for (int i = 0; i < shuffled.size(); i++) {
      Object[] e = shuffled.get(i);
      partials.get(i % parts).add((String) e[0], (Instant) e[1], (String) e[2], (String) e[3]);
    }
    Collections.shuffle(partials, new Random(seed + 1));
    CascadeEvidence merged = new CascadeEvidence();
    partials.forEach(merged::merge);
    return merged;
  }

  @Test
  public void mergingInAnyOrderAndGroupingGivesTheSameEvidence() {
    List<Object[]> entries = entries(1_000);
    CascadeEvidence reference = build(entries, 1, 0);
    for (int parts = 2; parts <= 7; parts++) {
      assertThat(build(entries, parts, parts), is(reference));
    }
  }

  @Test
  public void theEvidenceIsBoundedWhateverTheCount() {
    CascadeEvidence e = build(entries(5_000), 3, 9);
    assertThat(e.events().size(), is(CascadeEvidence.MAX_EVENTS));
    assertThat(e.traces().size(), lessThanOrEqualTo(CascadeEvidence.MAX_TRACES));
  }

  @Test
  public void aFullSampleIsTheBottomKOfEveryEntrysEventAndTrace() {
    List<Object[]> entries = entries(3_000);
    List<CascadeEvidence.Event> all = new ArrayList<>();
    java.util.Map<Long, Long> traces = new java.util.TreeMap<>(Long::compareUnsigned);
    for (Object[] e : entries) {
      CascadeEvidence one =
          new CascadeEvidence().add((String) e[0], (Instant) e[1], (String) e[2], (String) e[3]);
      all.addAll(one.events());
      one.traces().forEach((hash, millis) -> traces.merge(hash, millis, Math::min));
    }
    all.sort(CascadeEvidence.SAMPLE_ORDER);
    java.util.Map<Long, Long> expectedTraces = new java.util.TreeMap<>(Long::compareUnsigned);
    traces.entrySet().stream()
        .limit(CascadeEvidence.MAX_TRACES)
        .forEach(t -> expectedTraces.put(t.getKey(), t.getValue()));

    CascadeEvidence built = build(entries, 4, 3);

    assertThat(built.events(), is(all.subList(0, CascadeEvidence.MAX_EVENTS)));
    assertThat(built.traces(), is(expectedTraces));
  }

  @Test
  public void theCoderRoundTrips() throws Exception {
    CascadeEvidence e = build(entries(300), 2, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CascadeEvidenceCoder.of().encode(e, out);
    CascadeEvidence back =
        CascadeEvidenceCoder.of().decode(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back, is(e));
  }
}
