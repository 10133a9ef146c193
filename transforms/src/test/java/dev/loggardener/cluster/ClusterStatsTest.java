package dev.loggardener.cluster;

import static dev.loggardener.cluster.TestEntries.entry;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

public class ClusterStatsTest {

  private static List<SignedEntry> sampleEntries() {
    List<SignedEntry> entries = new ArrayList<>();
    entries.add(
        entry("s1", Severity.WARNING, "2025-06-03T14:03:22.168843Z", "b", "svc-00043-lup", "i1"));
    entries.add(
        entry("s1", Severity.ERROR, "2025-06-03T14:01:00.000001Z", "c", "svc-00042-xog", "i2"));
    entries.add(
        entry("s1", Severity.WARNING, "2025-06-03T14:59:59.999999Z", "a", "svc-00043-lup", "i1"));
    entries.add(
        entry("s1", Severity.WARNING, "2025-06-03T14:01:00.000001Z", "a0", "svc-00043-lup", "i3"));
    return entries;
  }

  private static ClusterStats addAll(List<SignedEntry> entries) {
    ClusterStats s = new ClusterStats();
    entries.forEach(s::add);
    return s;
  }

  @Test
  public void countsEveryEntry() {
    assertThat(addAll(sampleEntries()).count(), is(4L));
  }

  @Test
  public void keepsTheHighestSeverity() {
    assertThat(addAll(sampleEntries()).maxSeverity(), is(Severity.ERROR));
  }

  @Test
  public void tracksFirstAndLastSeenWithMicroseconds() {
    ClusterStats s = addAll(sampleEntries());
    assertThat(s.firstSeen(), is(Instant.parse("2025-06-03T14:01:00.000001Z")));
    assertThat(s.lastSeen(), is(Instant.parse("2025-06-03T14:59:59.999999Z")));
  }

  @Test
  public void sampleIsTheEarliestEntryWithInsertIdBreakingTies() {
    assertThat(addAll(sampleEntries()).sample().insertId, is("a0"));
  }

  @Test
  public void revisionsAreDistinctAndSorted() {
    assertThat(addAll(sampleEntries()).revisions(), contains("svc-00042-xog", "svc-00043-lup"));
  }

  @Test
  public void countsDistinctInstances() {
    assertThat(addAll(sampleEntries()).instanceCount(), is(3L));
  }

  @Test
  public void resultDoesNotDependOnOrderOrMergeSplit() {
    List<SignedEntry> entries = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      entries.add(
          entry(
              "s",
              i % 7 == 0 ? Severity.ERROR : Severity.WARNING,
              Instant.parse("2025-06-03T14:00:00Z").plusMillis(i * 1237L % 3_600_000L).toString(),
              "id" + i,
              "svc-000" + (i % 30) + "-abc",
              "inst" + (i % 300)));
    }
    ClusterStats reference = addAll(entries);
    Random rnd = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      List<SignedEntry> shuffled = new ArrayList<>(entries);
      Collections.shuffle(shuffled, rnd);
      int cut = rnd.nextInt(shuffled.size());
      ClusterStats left = addAll(shuffled.subList(0, cut));
      ClusterStats right = addAll(shuffled.subList(cut, shuffled.size()));
      ClusterStats merged = new ClusterStatsFn().mergeAccumulators(List.of(right, left));
      assertThat(merged.count(), is(reference.count()));
      assertThat(merged.sample(), equalTo(reference.sample()));
      assertThat(merged.revisions(), equalTo(reference.revisions()));
      assertThat(merged.logNames(), equalTo(reference.logNames()));
      assertThat(merged.instanceCount(), is(reference.instanceCount()));
      assertThat(merged.firstSeen(), is(reference.firstSeen()));
      assertThat(merged.lastSeen(), is(reference.lastSeen()));
    }
  }

  @Test
  public void revisionsAreCappedKeepingTheNewest() {
    ClusterStats s = new ClusterStats();
    for (int i = 0; i < 100; i++) {
      s.add(
          entry(
              "s",
              Severity.ERROR,
              "2025-06-03T14:00:00Z",
              "id" + i,
              String.format("svc-%05d-abc", i),
              "i"));
    }
    assertThat(s.revisions(), hasSize(ClusterStats.MAX_REVISIONS));
    assertThat(s.revisions().get(ClusterStats.MAX_REVISIONS - 1), is("svc-00099-abc"));
    assertThat(s.revisions().get(0), is("svc-00080-abc"));
  }

  @Test
  public void accumulatorSizeStaysBoundedForManyEntries() throws Exception {
    ClusterStats s = new ClusterStats();
    for (int i = 0; i < 200_000; i++) {
      s.add(
          entry(
              "s", Severity.ERROR, "2025-06-03T14:00:00Z", "id" + i, "rev-" + i, "instance-" + i));
    }
    byte[] encoded =
        org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(ClusterStatsCoder.of(), s);
    // 20 revisions, 10 log names, 256 sketch hashes and one sample: a few KB, whatever the count.
    assertThat(encoded.length < 8_000, is(true));
  }

  @Test
  public void coderRoundTripsAnAccumulator() throws Exception {
    ClusterStats s = addAll(sampleEntries());
    ClusterStats decoded = org.apache.beam.sdk.util.CoderUtils.clone(ClusterStatsCoder.of(), s);
    assertThat(decoded.count(), is(s.count()));
    assertThat(decoded.sample(), equalTo(s.sample()));
    assertThat(decoded.revisions(), equalTo(s.revisions()));
    assertThat(decoded.instanceCount(), is(s.instanceCount()));
    assertThat(decoded.firstSeen(), is(s.firstSeen()));
  }

  @Test
  public void signedEntryCoderIsDeterministicAndRoundTrips() throws Exception {
    CoderProperties.coderDeterministic(
        SignedEntryCoder.of(), sampleEntries().get(0), sampleEntries().get(0));
    CoderProperties.coderDecodeEncodeEqual(SignedEntryCoder.of(), sampleEntries().get(1));
  }

  @Test
  public void aBucketsMapOfStatsTravelsAsOneFrameInKeyOrderWhateverTheMapsOrder() throws Exception {
    java.util.Map<String, ClusterStats> one = new java.util.LinkedHashMap<>();
    java.util.Map<String, ClusterStats> two = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      one.put("svc\u0000sig" + i, addAll(sampleEntries()));
      two.put("svc\u0000sig" + (39 - i), addAll(sampleEntries()));
    }
    ClusterStatsByKeyFn.MapOfStatsCoder coder = ClusterStatsByKeyFn.MapOfStatsCoder.INSTANCE;
    org.junit.Assert.assertArrayEquals(
        org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(coder, one),
        org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(coder, two));
    java.util.Map<String, ClusterStats> decoded =
        org.apache.beam.sdk.util.CoderUtils.clone(coder, one);
    assertThat(decoded.keySet(), equalTo(one.keySet()));
    for (String k : one.keySet()) {
      assertThat(decoded.get(k).count(), is(one.get(k).count()));
      assertThat(decoded.get(k).sample(), equalTo(one.get(k).sample()));
      assertThat(decoded.get(k).revisions(), equalTo(one.get(k).revisions()));
      assertThat(decoded.get(k).instanceCount(), is(one.get(k).instanceCount()));
    }
    // Followed by more bytes on the same stream, a frame reads exactly its own.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    coder.encode(one, out);
    out.write(7);
    java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(out.toByteArray());
    assertThat(coder.decode(in).size(), is(40));
    assertThat(in.read(), is(7));
  }
}
