package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cluster.AggregateClusters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.cluster.PaneTiming;
import dev.loggardener.model.Severity;
import dev.loggardener.priority.PriorityPolicy;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import dev.loggardener.signature.Signer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The grouping stage: templates that differ only at a learned variable position become one row with
 * one {@code group_id}, which stays the same in every window and pane, whichever members appear; a
 * template alone keeps today's row with {@code group_id = signature_id}; the same input in any
 * order gives the same rows.
 */
public class GroupSignaturesTest {
  private static final Instant H0 = Instant.parse("2025-09-16T01:00:00Z");

  /** The names the learner has to see (at least {@code SignatureGrouper.MIN_DISTINCT}). */
  private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank"};

  private static final String PATTERN = "user <*> logged out after idle timeout";
  private static final String GROUP_ID = SignatureGrouper.groupId(PATTERN);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  {
    p.getOptions().setStableUniqueNames(CheckEnabled.ERROR);
  }

  private static String template(String name) {
    return "user " + name + " logged out after idle timeout";
  }

  private static SignedEntry entry(String template, String insertId, Instant at) {
    return new SignedEntry(
        "orders-api",
        "cloud_run_revision",
        Signer.idOfTemplate(template),
        template,
        1,
        Severity.ERROR,
        java.time.Instant.ofEpochMilli(at.getMillis()),
        template + " (" + insertId + ")",
        insertId,
        "",
        "orders-api-00001-abc",
        "projects/p/logs/run.googleapis.com%2Fstderr",
        "i1");
  }

  private static TimestampedValue<SignedEntry> at(String name, int n, int hour, int minute) {
    Instant t = H0.plus(Duration.standardHours(hour)).plus(Duration.standardMinutes(minute));
    return TimestampedValue.of(entry(template(name), name + "-" + hour + "-" + n, t), t);
  }

  private static Instant endOfHour(int hour) {
    return H0.plus(Duration.standardHours(hour + 1));
  }

  private static PCollection<ClusterRow> group(
      String name, PCollection<SignedEntry> entries, WindowingConfig config) {
    return entries
        .apply(name + "Window", WindowIntoHours.<SignedEntry>of(config))
        .apply(name + "Aggregate", AggregateClusters.create().withStats())
        .apply(name + "Group", GroupSignatures.with(PriorityPolicy.bundled()))
        .apply(name + "Rows", Keys.create());
  }

  private static String hourOf(ClusterRow r) {
    return Long.toString((r.windowStart().toEpochMilli() - H0.getMillis()) / 3_600_000L);
  }

  @Test
  public void oneGroupKeepsOneGroupIdAcrossWindowsAndPanesWhateverMembersAppear() {
    WindowingConfig streaming =
        WindowingConfig.of(
            Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));
    TestStream.Builder<SignedEntry> b =
        TestStream.create(SignedEntryCoder.of()).advanceWatermarkTo(H0);
    // Hour 0, early pane: all six members, so the pattern is learned in the first pane.
    List<TimestampedValue<SignedEntry>> first = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) {
      for (int n = 0; n <= i; n++) {
        first.add(at(NAMES[i], n, 0, 1 + n));
      }
    }
    TestStream<SignedEntry> stream =
        b.addElements(first.get(0), first.subList(1, first.size()).toArray(new TimestampedValue[0]))
            .advanceProcessingTime(Duration.standardMinutes(6)) // aggregation's early pane
            .advanceProcessingTime(Duration.standardMinutes(1)) // grouping gathers it
            // Hour 0, on-time pane: two members only.
            .addElements(at("alice", 10, 0, 40), at("bob", 10, 0, 41))
            .advanceWatermarkTo(endOfHour(0))
            // Hour 1: one member in an early pane, another in the on-time pane.
            .addElements(at("carol", 0, 1, 5))
            .advanceProcessingTime(Duration.standardMinutes(6))
            .advanceProcessingTime(Duration.standardMinutes(1))
            .addElements(at("dave", 0, 1, 30), at("dave", 1, 1, 31))
            .advanceWatermarkTo(endOfHour(1))
            // Hour 2: a single member, which alone could never be learned.
            .addElements(at("frank", 0, 2, 7))
            .advanceWatermarkToInfinity();
    PCollection<ClusterRow> rows = group("Stream", p.apply("Entries", stream), streaming);
    PAssert.that(rows)
        .satisfies(
            all -> {
              Set<String> groups = new TreeSet<>();
              Set<String> windowPanes = new TreeSet<>();
              Map<String, ClusterRow> finalRows = new TreeMap<>();
              for (ClusterRow r : all) {
                groups.add(r.groupId() + " " + r.groupTemplate());
                windowPanes.add(hourOf(r) + "/" + r.paneIndex());
                ClusterRow before = finalRows.get(hourOf(r));
                if (before == null || r.paneIndex() > before.paneIndex()) {
                  finalRows.put(hourOf(r), r);
                }
              }
              // one group, one id, in every window and pane
              assertThat(groups, contains(GROUP_ID + " " + PATTERN));
              assertThat(finalRows.keySet(), contains("0", "1", "2"));
              // several panes: hour 0 and hour 1 each fired an early and an on-time pane
              assertThat(windowPanes.containsAll(List.of("0/0", "0/1", "1/0", "1/1")), is(true));
              // one row per pane holds every member seen so far
              assertThat(finalRows.get("0").count(), is(21L + 2));
              assertThat(finalRows.get("0").groupMemberIds(), hasSize(6));
              assertThat(finalRows.get("1").count(), is(3L));
              assertThat(
                  finalRows.get("1").signatureId(), is(Signer.idOfTemplate(template("dave"))));
              assertThat(
                  finalRows.get("2").groupMemberIds(),
                  contains(Signer.idOfTemplate(template("frank"))));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aGroupLearnedAfterEarlyPanesTombstonesTheFineClustersThoseEmitted() {
    WindowingConfig streaming =
        WindowingConfig.of(
            Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));
    // Early pane: two members, too few to learn from, so each leaves as a fine cluster. The
    // on-time pane brings four more: the pattern is learned and the group takes all six.
    TestStream<SignedEntry> stream =
        TestStream.create(SignedEntryCoder.of())
            .advanceWatermarkTo(H0)
            .addElements(at("alice", 0, 0, 1), at("bob", 0, 0, 2), at("bob", 1, 0, 3))
            .advanceProcessingTime(Duration.standardMinutes(6))
            .advanceProcessingTime(Duration.standardMinutes(1))
            .addElements(
                at("carol", 0, 0, 30),
                at("dave", 0, 0, 31),
                at("erin", 0, 0, 32),
                at("frank", 0, 0, 33))
            .advanceWatermarkToInfinity();
    PCollection<ClusterRow> rows = group("Stream", p.apply("Entries", stream), streaming);
    PAssert.that(
            rows.apply(
                org.apache.beam.sdk.transforms.Filter.by(
                    (ClusterRow r) -> r.isTombstone() || r.groupMemberIds().size() > 1)))
        .satisfies(
            all -> {
              Set<String> seen = new TreeSet<>();
              for (ClusterRow r : all) {
                seen.add(
                    r.clusterId()
                        + (r.isTombstone() ? " in " + r.supersededBy() : "")
                        + " x"
                        + r.count());
              }
              assertThat(
                  String.join(", ", seen),
                  seen,
                  org.hamcrest.Matchers.containsInAnyOrder(
                      Signer.idOfTemplate(template("alice")) + " in " + GROUP_ID + " x0",
                      Signer.idOfTemplate(template("bob")) + " in " + GROUP_ID + " x0",
                      GROUP_ID + " x7"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aGroupRowSumsItsMembersAndNamesTheHeaviest() {
    // 25 members (more than the 20 ids a row lists), member k with k + 1 entries.
    List<SignedEntry> entries = new ArrayList<>();
    long total = 0;
    for (int k = 0; k < 25; k++) {
      for (int n = 0; n <= k; n++) {
        entries.add(
            entry(
                template("user" + k),
                "u" + k + "-" + n,
                H0.plus(Duration.standardSeconds(k * 60 + n))));
        total++;
      }
    }
    long expected = total;
    PCollection<ClusterRow> rows =
        group("Batch", bounded("Entries", entries), WindowingConfig.defaults());
    PAssert.that(rows)
        .satisfies(
            all -> {
              List<ClusterRow> list = new ArrayList<>();
              all.forEach(list::add);
              assertThat(list, hasSize(1));
              ClusterRow r = list.get(0);
              assertThat(r.count(), is(expected));
              assertThat(r.groupId(), is(GROUP_ID));
              assertThat(r.groupTemplate(), is(PATTERN));
              assertThat(r.signatureId(), is(Signer.idOfTemplate(template("user24"))));
              assertThat(r.signature(), is(template("user24")));
              assertThat(r.groupMemberIds(), hasSize(ClusterRow.MAX_GROUP_MEMBER_IDS));
              assertThat(r.groupMemberIds().get(0), is(r.signatureId()));
              assertThat(r.groupMemberIds().get(19), is(Signer.idOfTemplate(template("user5"))));
              assertThat(r.firstSeen(), is(java.time.Instant.ofEpochMilli(H0.getMillis())));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aSignatureAloneKeepsTheAggregationRowWithItsOwnIdAsGroupId() {
    List<SignedEntry> entries = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      entries.add(
          entry("Container called exit(<*>).", "c" + n, H0.plus(Duration.standardMinutes(n))));
    }
    entries.add(entry(template("alice"), "a0", H0.plus(Duration.standardMinutes(9))));
    PCollection<SignedEntry> in = bounded("Entries", entries);
    PCollection<String> grouped =
        group("Grouped", in, WindowingConfig.defaults())
            .apply(
                "DescribeGrouped",
                MapElements.into(TypeDescriptors.strings()).via(GroupSignaturesTest::describe));
    PCollection<String> expected =
        in.apply("Window", WindowIntoHours.<SignedEntry>of(WindowingConfig.defaults()))
            .apply("Aggregate", AggregateClusters.create())
            .apply(
                "AsGroupsOfOne",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            describe(
                                r.toBuilder()
                                    .groupId(r.signatureId())
                                    .groupTemplate(r.signature())
                                    .groupMemberIds(List.of(r.signatureId()))
                                    .build())));
    PAssert.that(
            PCollectionList.of(
                    grouped.apply(
                        "TagGrouped",
                        MapElements.into(TypeDescriptors.strings()).via(s -> "grouped " + s)))
                .and(
                    expected.apply(
                        "TagExpected",
                        MapElements.into(TypeDescriptors.strings()).via(s -> "expected " + s)))
                .apply(org.apache.beam.sdk.transforms.Flatten.pCollections()))
        .satisfies(
            all -> {
              List<String> g = new ArrayList<>();
              List<String> e = new ArrayList<>();
              for (String s : all) {
                (s.startsWith("grouped ") ? g : e).add(s.substring(s.indexOf(' ') + 1));
              }
              Collections.sort(g);
              Collections.sort(e);
              assertThat(g, hasSize(2));
              assertThat(g, is(e));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void theSameBatchInAnyOrderGivesTheSameRowsLearnedInEventTimeOrder() {
    // Hour 0 holds two members: too few to learn from, so they stay groups of one there, even
    // though hour 1 (six members) learns the pattern. Processing hour 1 first would group them.
    List<SignedEntry> entries = new ArrayList<>();
    entries.add(entry(template("alice"), "a0", H0.plus(Duration.standardMinutes(1))));
    entries.add(entry(template("bob"), "b0", H0.plus(Duration.standardMinutes(2))));
    for (int i = 0; i < NAMES.length; i++) {
      entries.add(entry(template(NAMES[i]), "h1-" + i, H0.plus(Duration.standardMinutes(61 + i))));
    }
    // hour 2: one member, grouped by what hour 1 learned
    entries.add(entry(template("erin"), "e2", H0.plus(Duration.standardMinutes(125))));
    List<SignedEntry> reversed = new ArrayList<>(entries);
    Collections.reverse(reversed);
    PCollection<String> a =
        group("InOrder", bounded("EntriesInOrder", entries), WindowingConfig.defaults())
            .apply(
                "DescribeInOrder",
                MapElements.into(TypeDescriptors.strings()).via(r -> "a " + describe(r)));
    PCollection<String> b =
        group("Reversed", bounded("EntriesReversed", reversed), WindowingConfig.defaults())
            .apply(
                "DescribeReversed",
                MapElements.into(TypeDescriptors.strings()).via(r -> "b " + describe(r)));
    PAssert.that(
            PCollectionList.of(a)
                .and(b)
                .apply("Both", org.apache.beam.sdk.transforms.Flatten.pCollections()))
        .satisfies(
            all -> {
              List<String> inOrder = new ArrayList<>();
              List<String> inReverse = new ArrayList<>();
              List<String> groupsByHour = new ArrayList<>();
              for (String s : all) {
                (s.startsWith("a ") ? inOrder : inReverse).add(s.substring(2));
                if (s.startsWith("a ")) {
                  ClusterRow r = ClusterRowJson.fromJson(s.substring(2));
                  groupsByHour.add(hourOf(r) + " " + r.groupTemplate());
                }
              }
              Collections.sort(inOrder);
              Collections.sort(inReverse);
              Collections.sort(groupsByHour);
              assertThat(inOrder, is(inReverse));
              assertThat(
                  groupsByHour,
                  contains(
                      "0 " + template("alice"),
                      "0 " + template("bob"),
                      "1 " + PATTERN,
                      "2 " + PATTERN));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void stateReadPerFiringIsBoundedByTheWindowsClustersNotByEarlierFirings() {
    // 20 clusters of one service, each with a new entry in each of 10 early firings: a gathering
    // that kept every firing's rows would read 20, 40, ... 200 at the tenth; the step reads the
    // firing's changed rows and the window's latest row per cluster (20 + 20), whatever the firing.
    int clusters = 20;
    int firings = 10;
    TestStream.Builder<SignedEntry> b =
        TestStream.create(SignedEntryCoder.of()).advanceWatermarkTo(H0);
    for (int f = 0; f < firings; f++) {
      List<TimestampedValue<SignedEntry>> batch = new ArrayList<>();
      for (int k = 0; k < clusters; k++) {
        Instant t = H0.plus(Duration.standardMinutes(f + 1)).plus(Duration.standardSeconds(k));
        batch.add(
            TimestampedValue.of(entry("disk " + k + " failed checks", "e" + f + "-" + k, t), t));
      }
      b =
          b.addElements(
                  batch.get(0), batch.subList(1, batch.size()).toArray(new TimestampedValue[0]))
              .advanceProcessingTime(Duration.standardMinutes(6)) // aggregation's early panes
              .advanceProcessingTime(Duration.standardMinutes(1)); // grouping's batch
    }
    WindowingConfig streaming =
        WindowingConfig.of(
            Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));
    group("Stream", p.apply("Entries", b.advanceWatermarkToInfinity()), streaming);
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    org.apache.beam.sdk.metrics.DistributionResult read = rowsReadPerFiring(result);
    assertThat(read.getCount() >= firings, is(true));
    assertThat(read.getMax() <= 2L * clusters, is(true));
  }

  static org.apache.beam.sdk.metrics.DistributionResult rowsReadPerFiring(
      org.apache.beam.sdk.PipelineResult result) {
    for (org.apache.beam.sdk.metrics.MetricResult<org.apache.beam.sdk.metrics.DistributionResult>
        d :
            result
                .metrics()
                .queryMetrics(
                    org.apache.beam.sdk.metrics.MetricsFilter.builder()
                        .addNameFilter(
                            org.apache.beam.sdk.metrics.MetricNameFilter.named(
                                dev.loggardener.beam.GardenerCounters.NAMESPACE,
                                dev.loggardener.beam.GardenerCounters
                                    .POST_AGGREGATION_ROWS_READ_PER_FIRING))
                        .build())
                .getDistributions()) {
      return d.getAttempted();
    }
    throw new AssertionError(
        "no " + dev.loggardener.beam.GardenerCounters.POST_AGGREGATION_ROWS_READ_PER_FIRING);
  }

  private PCollection<SignedEntry> bounded(String name, List<SignedEntry> entries) {
    return p.apply(name, Create.of(entries).withCoder(SignedEntryCoder.of()))
        .apply(name + "Stamp", WithTimestamps.of(e -> new Instant(e.timestamp.toEpochMilli())));
  }

  @Test
  public void aFiringAfterTheClosingPaneGoesOnFromTheWindowsStateNotFromScratch() {
    // A job restored from a savepoint fired a window's closing pane (nothing new in it), then the
    // pane with the entries it read after the restore. That pane must go on from the window's
    // state (its firings, its other clusters), or the steps after drop its rows as outdated.
    java.time.Instant start = java.time.Instant.ofEpochMilli(H0.getMillis());
    java.time.Instant end = java.time.Instant.ofEpochMilli(endOfHour(0).getMillis());
    Instant lastInstant = endOfHour(0).minus(Duration.millis(1));
    String alice = template("alice");
    TestStream<org.apache.beam.sdk.values.KV<String, ServicePane>> stream =
        TestStream.create(
                org.apache.beam.sdk.coders.KvCoder.of(
                    org.apache.beam.sdk.coders.StringUtf8Coder.of(), ServicePaneCoder.of()))
            .advanceWatermarkTo(H0)
            .addElements(
                TimestampedValue.of(
                    org.apache.beam.sdk.values.KV.of(
                        "orders-api",
                        new ServicePane(
                            "orders-api",
                            start,
                            end,
                            0,
                            PaneTiming.EARLY,
                            false,
                            List.of(stats(alice, 3)))),
                    H0.plus(Duration.standardMinutes(5))))
            .addElements(
                TimestampedValue.of(
                    org.apache.beam.sdk.values.KV.of(
                        "orders-api",
                        new ServicePane(
                            "orders-api", start, end, 1, PaneTiming.ON_TIME, true, List.of())),
                    lastInstant))
            .advanceWatermarkTo(endOfHour(0).plus(Duration.standardMinutes(1)))
            .addElements(
                TimestampedValue.of(
                    org.apache.beam.sdk.values.KV.of(
                        "orders-api",
                        new ServicePane(
                            "orders-api",
                            start,
                            end,
                            2,
                            PaneTiming.ON_TIME,
                            true,
                            List.of(stats(alice, 5)))),
                    endOfHour(0).plus(Duration.standardMinutes(2))))
            .advanceWatermarkToInfinity();
    PCollection<String> rows =
        p.apply(stream)
            .apply(
                "LearnAndRollUp",
                org.apache.beam.sdk.transforms.ParDo.of(
                    new GroupSignatures.LearnAndRollUpFn(
                        PriorityPolicy.bundled(), true, null, Duration.ZERO)))
            .setCoder(
                org.apache.beam.sdk.coders.KvCoder.of(
                    dev.loggardener.cluster.ClusterRowCoder.of(),
                    dev.loggardener.cluster.CascadeEvidenceCoder.of()))
            .apply(Keys.create())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            r.count()
                                + " at pane "
                                + r.paneIndex()
                                + (r.isFinal() ? " final" : "")));
    PAssert.that(rows).containsInAnyOrder("3 at pane 0", "3 at pane 1 final", "5 at pane 2 final");
    p.run();
  }

  /** A fine cluster's stats after {@code n} entries of {@code template}. */
  private static dev.loggardener.cluster.ClusterStats stats(String template, int n) {
    dev.loggardener.cluster.ClusterStats s = new dev.loggardener.cluster.ClusterStats();
    for (int i = 0; i < n; i++) {
      s.add(entry(template, "e" + i, H0.plus(Duration.standardMinutes(1 + i))));
    }
    return s;
  }

  private static String describe(ClusterRow r) {
    return ClusterRowJson.toJson(r.toBuilder().emittedAt(null).build());
  }
}
