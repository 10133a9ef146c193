package dev.loggardener.pipeline.io;

import static dev.loggardener.pipeline.io.StreamingScenario.entry;
import static dev.loggardener.pipeline.io.StreamingScenario.settle;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.signature.Signer;
import java.util.Map;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The streaming contract of {@code docs/streaming.md}, scenario by scenario over the whole graph on
 * the DirectRunner: the drafts each launch made and the status of the next hour are checked here;
 * the rows each scenario left in the (fake) table are written out with the generator's counts, and
 * {@code sql-check}'s {@code StreamingScenariosViewTest} runs the committed {@code clusters_latest}
 * view over them on ZetaSQL and compares.
 */
public class StreamingContractScenariosTest {
  /** Three hours ago: within the days a relaunch seeds its history from. */
  static final Instant HOUR =
      new Instant(
          java.time.Instant.now()
              .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
              .minus(java.time.Duration.ofHours(3))
              .toEpochMilli());

  static final Instant NEXT = HOUR.plus(Duration.standardHours(1));
  static final String EXIT = "Container called exit(3).";
  static final String EXIT_ID = Signer.idOfTemplate("Container called exit(<*>).");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** An exit entry {@code minute} minutes (and {@code second} seconds) into the hour under test. */
  static TimestampedValue<RawRecord> exit(long n, int minute, int second) {
    return timed(entry(n, "orders-api", "ERROR", EXIT, at(minute, second)), minute, second);
  }

  /** At the entry's own time, as the Pub/Sub source stamps it (a late entry stays late). */
  static TimestampedValue<RawRecord> timed(RawRecord r, int minute, int second) {
    return TimestampedValue.of(
        r, HOUR.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second)));
  }

  static String at(int minute, int second) {
    return HOUR.plus(Duration.standardMinutes(minute))
        .plus(Duration.standardSeconds(second))
        .toString();
  }

  @Test
  public void aBurstEarlyInTheHourIsFiledOnceAndTheNextHourIsOngoing() throws Exception {
    StreamingScenario s = new StreamingScenario("burst-early-in-the-hour", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream().addElements(exit(1, 3, 0), exit(2, 3, 30));
    b = settle(b.advanceProcessingTime(Duration.standardMinutes(6)), 12);
    b = settle(b.advanceWatermarkTo(NEXT).addElements(exit(3, 63, 0)), 12);
    s.stream("launch-a", b.advanceWatermarkToInfinity(), o -> {});
    s.expect(HOUR, "orders-api", EXIT_ID, 2).expect(NEXT, "orders-api", EXIT_ID, 1).dump();

    assertThat(s.draftsPerCluster(), is(Map.of(EXIT_ID, 1L)));
    assertThat(s.latestStatus(NEXT, EXIT_ID), is("ONGOING"));
  }

  @Test
  public void aLateEntryReplacesTheWindowsCountAndFilesNothingMore() throws Exception {
    StreamingScenario s = new StreamingScenario("late-data", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream().addElements(exit(1, 10, 0), exit(2, 20, 0));
    b = settle(b.advanceWatermarkTo(NEXT.plus(Duration.standardMinutes(5))), 12);
    b = settle(b.addElements(exit(3, 30, 0)), 12); // late, within the allowed lateness
    s.stream("launch-a", b.advanceWatermarkToInfinity(), o -> {});
    s.expect(HOUR, "orders-api", EXIT_ID, 3).dump();

    assertThat(s.draftsPerCluster(), is(Map.of(EXIT_ID, 1L)));
  }

  @Test
  public void aDrainedJobAndItsRelaunchAddUpAndTheRelaunchKnowsTheHour() throws Exception {
    StreamingScenario s = new StreamingScenario("drain-and-relaunch", tmp.getRoot().toPath());
    // drained at 14:30: its windows close early, with what it had
    TestStream.Builder<RawRecord> first =
        StreamingScenario.stream().addElements(exit(1, 5, 0), exit(2, 10, 0));
    s.stream("launch-a", settle(first, 12).advanceWatermarkToInfinity(), o -> {});
    // the relaunch reads the rest of the hour and the next one
    TestStream.Builder<RawRecord> second =
        StreamingScenario.stream().addElements(exit(3, 40, 0), exit(4, 50, 0));
    second = settle(second.advanceWatermarkTo(NEXT).addElements(exit(5, 65, 0)), 12);
    s.stream("launch-b", second.advanceWatermarkToInfinity(), o -> {});
    s.expect(HOUR, "orders-api", EXIT_ID, 4).expect(NEXT, "orders-api", EXIT_ID, 1).dump();

    // the drained job drafted the hour when it closed it; the relaunch does not again
    assertThat(s.draftsPerCluster(), is(Map.of(EXIT_ID, 1L)));
    assertThat(s.latestStatus(NEXT, EXIT_ID), is("ONGOING"));
  }

  @Test
  public void aBackfillOfTheHourReplacesWhatTheStreamCounted() throws Exception {
    StreamingScenario s = new StreamingScenario("full-backfill", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream().addElements(exit(1, 5, 0), exit(2, 10, 0), exit(3, 15, 0));
    s.stream("launch-a", settle(b, 12).advanceWatermarkToInfinity(), o -> {});
    // an export of the whole hour, read again later: the same three and two the stream missed
    s.batch(
        "launch-b",
        java.util.stream.Stream.of(
                exit(1, 5, 0), exit(2, 10, 0), exit(3, 15, 0), exit(4, 40, 0), exit(5, 50, 0))
            .map(TimestampedValue::getValue)
            .collect(java.util.stream.Collectors.toList()),
        o -> {});
    s.expect(HOUR, "orders-api", EXIT_ID, 5).dump();
  }

  static java.util.List<RawRecord> export(TimestampedValue<RawRecord>... entries) {
    return java.util.stream.Stream.of(entries)
        .map(TimestampedValue::getValue)
        .collect(java.util.stream.Collectors.toList());
  }

  @Test
  public void aBackfillReplacesOnlyTheHoursItsDeclaredCoverageHoldsWhole() throws Exception {
    StreamingScenario s =
        new StreamingScenario("full-and-partial-backfill", tmp.getRoot().toPath());
    // the stream missed two of the hour's five entries and one of the next hour's two
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream()
            .addElements(exit(1, 5, 0), exit(2, 10, 0), exit(3, 15, 0), exit(6, 65, 0));
    s.stream("launch-a", settle(b, 12).advanceWatermarkToInfinity(), o -> {});
    // an export of the whole hour, declared as such
    s.batch(
        "launch-b",
        export(exit(1, 5, 0), exit(2, 10, 0), exit(3, 15, 0), exit(4, 40, 0), exit(5, 50, 0)),
        o -> o.setBackfillCoverage(HOUR + "/" + NEXT));
    // an export from half past: the hour's second half only, and the whole next hour
    s.batch(
        "launch-c",
        export(exit(4, 40, 0), exit(5, 50, 0), exit(6, 65, 0), exit(7, 70, 0)),
        o ->
            o.setBackfillCoverage(
                HOUR.plus(Duration.standardMinutes(30))
                    + "/"
                    + NEXT.plus(Duration.standardHours(1))));
    s.expect(HOUR, "orders-api", EXIT_ID, 5).expect(NEXT, "orders-api", EXIT_ID, 2).dump();

    // the half hour was left out, counted, not written over the whole hour's count
    assertThat(s.counters.get("backfill_entries_outside_coverage"), is(2L));
  }

  /** The names the grouping has to see before it learns that the position varies. */
  static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank"};

  static final String PATTERN = "Worker <*> crashed while draining the queue";
  static final String GROUP_ID = dev.loggardener.grouping.SignatureGrouper.groupId(PATTERN);

  static TimestampedValue<RawRecord> crash(long n, String name, int minute) {
    return timed(
        entry(
            n,
            "orders-api",
            "CRITICAL",
            "Worker " + name + " crashed while draining the queue",
            at(minute, (int) (n % 60))),
        minute,
        (int) (n % 60));
  }

  static String fine(String name) {
    return Signer.idOfTemplate("Worker " + name + " crashed while draining the queue");
  }

  @Test
  public void aGroupLearnedAfterEarlyPanesSupersedesTheirFineRows() throws Exception {
    StreamingScenario s =
        new StreamingScenario("grouping-after-early-panes", tmp.getRoot().toPath());
    // the early panes see two names: two fine clusters
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream().addElements(crash(1, "alice", 2), crash(2, "bob", 3));
    b = settle(b.advanceProcessingTime(Duration.standardMinutes(6)), 12);
    // the rest of the hour shows the position varies
    long n = 3;
    for (String name : NAMES) {
      b = b.addElements(crash(n++, name, 30));
    }
    b = settle(b, 12).advanceWatermarkTo(NEXT);
    s.stream("launch-a", settle(b, 12).advanceWatermarkToInfinity(), o -> {});
    s.expect(HOUR, "orders-api", GROUP_ID, 8).dump();

    assertThat(s.draftsPerCluster(), is(Map.of(GROUP_ID, 1L)));
  }

  @Test
  public void aRelaunchRemembersLearnedGroups() throws Exception {
    StreamingScenario s =
        new StreamingScenario("relaunch-with-learned-groups", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> first = StreamingScenario.stream();
    long n = 1;
    for (String name : NAMES) {
      first = first.addElements(crash(n++, name, 10));
    }
    s.stream("launch-a", settle(first, 12).advanceWatermarkToInfinity(), o -> {});
    // the next hour, after a relaunch: names the first launch never saw
    TestStream.Builder<RawRecord> second =
        StreamingScenario.stream()
            .addElements(crash(n++, "grace", 70), crash(n++, "heidi", 71), crash(n++, "ivan", 72));
    s.stream("launch-b", settle(second, 12).advanceWatermarkToInfinity(), o -> {});
    s.expect(HOUR, "orders-api", GROUP_ID, 6).expect(NEXT, "orders-api", GROUP_ID, 3).dump();

    // one issue, in the first launch; the relaunch finds the group ONGOING
    assertThat(s.draftsPerCluster(), is(Map.of(GROUP_ID, 1L)));
    assertThat(s.latestStatus(NEXT, GROUP_ID), is("ONGOING"));
  }

  static final String MISSING = "ModuleNotFoundError: No module named 'payments_sdk'";

  @Test
  public void aCascadeIsFiledOnceForItsRootAndNeverForItsSymptom() throws Exception {
    StreamingScenario s = new StreamingScenario("cascade-root-and-symptom", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> b = StreamingScenario.stream();
    long n = 1;
    for (int minute = 2; minute <= 52; minute += 10) {
      // the import fails, and two seconds later the container exits, on the same instance
      b =
          b.addElements(
              timed(entry(n++, "orders-api", "ERROR", MISSING, at(minute, 0)), minute, 0),
              exit(n++, minute, 2));
    }
    b = settle(b.advanceProcessingTime(Duration.standardMinutes(6)), 12);
    s.stream(
        "launch-a", settle(b.advanceWatermarkTo(NEXT), 12).advanceWatermarkToInfinity(), o -> {});
    String missingId = s.clusterOf(MISSING);
    s.expect(HOUR, "orders-api", missingId, 6).expect(HOUR, "orders-api", EXIT_ID, 6).dump();

    assertThat(s.draftsPerCluster(), is(Map.of(missingId, 1L)));
  }

  @Test
  public void aBackfillThatLearnedAGroupReplacesTheFineClustersTheStreamCounted() throws Exception {
    StreamingScenario s =
        new StreamingScenario("backfill-with-other-groups", tmp.getRoot().toPath());
    // the stream saw two names only: two fine clusters
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream().addElements(crash(1, "alice", 10), crash(2, "bob", 11));
    s.stream("launch-a", settle(b, 12).advanceWatermarkToInfinity(), o -> {});
    // the export of the hour holds every name: the backfill learns the group
    java.util.List<RawRecord> export = new java.util.ArrayList<>();
    long n = 1;
    for (String name : NAMES) {
      export.add(crash(n, name, 10 + (int) n - 1).getValue());
      n++;
    }
    s.batch("launch-b", export, o -> {});
    s.expect(HOUR, "orders-api", GROUP_ID, 6).dump();
  }

  @Test
  public void aFailingSeedReadIsCountedAndTheStreamStillClosesItsHoursOnTime() throws Exception {
    StreamingScenario s = new StreamingScenario("failing-seed-read", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream().addElements(exit(1, 10, 0), exit(2, 20, 0));
    b = settle(b.advanceWatermarkTo(NEXT).addElements(exit(3, 65, 0)), 12);
    b = settle(b.advanceWatermarkTo(NEXT.plus(Duration.standardHours(1))), 12);
    // a fresh project: the job may not run the seed query, and starts without history
    s.stream(
        "launch-a",
        b.advanceWatermarkToInfinity(),
        o ->
            o.as(HistorySeedOptions.class)
                .setHistorySeedQuery(new StreamingScenario.FailingSeed()));
    s.expect(HOUR, "orders-api", EXIT_ID, 2).expect(NEXT, "orders-api", EXIT_ID, 1).dump();

    assertThat(s.counters.get("history_seed_failed"), is(1L));
    assertThat(s.onTimeStatus(HOUR, EXIT_ID), is("NEW"));
    assertThat(s.onTimeStatus(NEXT, EXIT_ID), is("ONGOING"));
    assertThat(s.draftsPerCluster(), is(Map.of(EXIT_ID, 1L)));
  }
}
