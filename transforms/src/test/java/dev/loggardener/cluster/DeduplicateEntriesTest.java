package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Deduplication of repeated deliveries: a stream remembers each digest for the retention past the
 * entry's time (keyed by the digest, with expiry); an export remembers every digest of a window.
 */
public class DeduplicateEntriesTest {
  private static final Instant HOUR = Instant.parse("2025-09-16T01:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static SignedEntry entry(String insertId, Instant at) {
    return new SignedEntry(
        "orders-api",
        "cloud_run_revision",
        "s1",
        "template",
        1,
        Severity.ERROR,
        java.time.Instant.ofEpochMilli(at.getMillis()),
        "message",
        insertId,
        "",
        "orders-api-00001-abc",
        "projects/p/logs/run.googleapis.com%2Fstderr",
        "i1");
  }

  private static TimestampedValue<SignedEntry> at(String insertId, Duration offset) {
    Instant t = HOUR.plus(offset);
    return TimestampedValue.of(entry(insertId, t), t);
  }

  private PCollection<String> kept(PCollection<SignedEntry> entries, Duration retention) {
    return kept(entries, retention, Duration.ZERO);
  }

  private PCollection<String> kept(
      PCollection<SignedEntry> entries, Duration retention, Duration allowedLateness) {
    return entries
        .apply(
            "Hourly",
            Window.<SignedEntry>into(FixedWindows.of(Duration.standardHours(1)))
                .withAllowedLateness(allowedLateness)
                .discardingFiredPanes())
        .apply("Deduplicate", DeduplicateEntries.create().withRetention(retention))
        .apply("InsertIds", MapElements.into(TypeDescriptors.strings()).via(e -> e.insertId));
  }

  @Test
  public void aStreamDropsARedeliveryWithinTheRetention() {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .addElements(at("a", Duration.standardMinutes(1)), at("b", Duration.standardMinutes(2)))
            .advanceWatermarkTo(HOUR.plus(Duration.standardMinutes(5)))
            .addElements(at("a", Duration.standardMinutes(1)))
            .advanceWatermarkToInfinity();
    PAssert.that(kept(p.apply(stream), Duration.standardMinutes(10))).containsInAnyOrder("a", "b");
    p.run();
  }

  @Test
  public void aStreamForgetsADigestOnceTheWatermarkPassesItsRetention() {
    // the price of bounded memory: a redelivery after the retention counts again
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .addElements(at("a", Duration.standardMinutes(1)))
            .advanceWatermarkTo(HOUR.plus(Duration.standardMinutes(20)))
            .addElements(at("a", Duration.standardMinutes(1)))
            .advanceWatermarkToInfinity();
    PAssert.that(kept(p.apply(stream), Duration.standardMinutes(10))).containsInAnyOrder("a", "a");
    p.run();
  }

  @Test
  public void aStreamForgetsADigestAtItsRetentionEvenWhenItsWindowIsStillOpenForLateData() {
    // Windows accept late data for hours; the digest must not live that long (the soak's heap).
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .addElements(at("a", Duration.standardMinutes(55)))
            .advanceWatermarkTo(HOUR.plus(Duration.standardMinutes(80)))
            .addElements(at("a", Duration.standardMinutes(55)))
            .advanceWatermarkToInfinity();
    PAssert.that(kept(p.apply(stream), Duration.standardMinutes(10), Duration.standardHours(6)))
        .containsInAnyOrder("a", "a");
    p.run();
  }

  @Test
  public void keptEntriesStayInTheirWindows() {
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .addElements(
                at("a", Duration.standardMinutes(1)), at("b", Duration.standardMinutes(70)))
            .advanceWatermarkToInfinity();
    PCollection<String> kept = kept(p.apply(stream), Duration.standardMinutes(10));
    PAssert.that(kept)
        .inWindow(new IntervalWindow(HOUR, Duration.standardHours(1)))
        .containsInAnyOrder("a");
    PAssert.that(kept)
        .inWindow(
            new IntervalWindow(HOUR.plus(Duration.standardHours(1)), Duration.standardHours(1)))
        .containsInAnyOrder("b");
    p.run();
  }

  @Test
  public void anExportDropsEveryRepeatOfAWindow() {
    PCollection<SignedEntry> export =
        p.apply(
            Create.timestamped(
                    at("a", Duration.standardMinutes(1)),
                    at("a", Duration.standardMinutes(1)),
                    at("b", Duration.standardMinutes(50)),
                    at("a", Duration.standardMinutes(1)))
                .withCoder(SignedEntryCoder.of()));
    PAssert.that(kept(export, Duration.standardMinutes(10))).containsInAnyOrder("a", "b");
    p.run();
  }

  private static SignedEntry entry(
      String logName, String insertId, java.time.Instant at, String message) {
    return new SignedEntry(
        "orders-api",
        "cloud_run_revision",
        "s1",
        "template",
        1,
        Severity.ERROR,
        at,
        message,
        insertId,
        "",
        "orders-api-00001-abc",
        logName,
        "i1");
  }

  private static final java.time.Instant T =
      java.time.Instant.parse("2025-09-16T01:02:03.123456789Z");
  private static final String LOG = "projects/p/logs/run.googleapis.com%2Fstderr";

  @Test
  public void theSameLogNameInsertIdAndTimestampIsOneEntryWhateverElseDiffers() {
    org.junit.Assert.assertEquals(
        DeduplicateEntries.digest(entry(LOG, "a1", T, "first delivery")),
        DeduplicateEntries.digest(entry(LOG, "a1", T, "changed on the way")));
  }

  @Test
  public void entriesOneNanosecondApartAreDistinct() {
    org.junit.Assert.assertNotEquals(
        DeduplicateEntries.digest(entry(LOG, "a1", T, "m")),
        DeduplicateEntries.digest(entry(LOG, "a1", T.plusNanos(1), "m")));
  }

  @Test
  public void theInsertIdAndTheLogNameAreBothPartOfTheIdentity() {
    String d = DeduplicateEntries.digest(entry(LOG, "a1", T, "m"));
    org.junit.Assert.assertNotEquals(d, DeduplicateEntries.digest(entry(LOG, "a2", T, "m")));
    org.junit.Assert.assertNotEquals(d, DeduplicateEntries.digest(entry(LOG + "x", "a1", T, "m")));
    // Fields carry their lengths: moving a character from one field to the next is another entry.
    org.junit.Assert.assertNotEquals(
        DeduplicateEntries.digest(entry("ab", "c", T, "m")),
        DeduplicateEntries.digest(entry("a", "bc", T, "m")));
  }

  @Test
  public void withoutInsertIdTheContentIsTheIdentity() {
    String d = DeduplicateEntries.digest(entry(LOG, "", T, "disk full"));
    org.junit.Assert.assertEquals(d, DeduplicateEntries.digest(entry(LOG, "", T, "disk full")));
    org.junit.Assert.assertNotEquals(d, DeduplicateEntries.digest(entry(LOG, "", T, "disk fill")));
  }

  @Test
  public void aDigestIs128BitsOfUnpaddedBase64() {
    org.junit.Assert.assertTrue(
        DeduplicateEntries.digest(entry(LOG, "a1", T, "m")).matches("[A-Za-z0-9+/]{22}"));
  }
}
