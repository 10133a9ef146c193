package dev.loggardener.cluster;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Which rows of a cluster leave {@link EmitChangedRows}: a change in count, cascade fields or
 * {@code is_final} does, with the next {@code emit_seq}, and so does the first row after the early
 * panes; a new pane with nothing else changed does not; a row from an older firing that arrives
 * after a newer one (shuffles keep no order) does not. A tombstone (written by grouping for a
 * cluster a group absorbed) is numbered as the cluster's next row, or dropped when no row of its
 * cluster left, and every row carries the lineage of its key.
 */
public class EmitChangedRowsTest {
  private static final java.time.Instant H0 = java.time.Instant.parse("2025-09-16T01:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<KV<String, KV<Long, ClusterRow>>> at(
      long version, long count, long pane, String root, boolean isFinal) {
    ClusterRow row =
        ClusterRow.builder()
            .windowStart(H0)
            .windowEnd(H0.plusSeconds(3600))
            .service("svc")
            .signatureId("a")
            .count(count)
            .paneIndex(pane)
            .paneTiming(pane == 0 ? "EARLY" : "ON_TIME")
            .rootCauseSignatureId(root)
            .isFinal(isFinal)
            .emittedAt(H0.plusSeconds(pane))
            .build();
    return TimestampedValue.of(
        KV.of("svc\u0000a", KV.of(version, row)), new Instant(H0.plusSeconds(3599).toEpochMilli()));
  }

  @Test
  public void onlyChangesLeaveNumberedAndStaleFiringsAreDropped() {
    TestStream<KV<String, KV<Long, ClusterRow>>> stream =
        TestStream.create(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of())))
            .addElements(at(0, 1, 0, "a", false)) // first: leaves
            .addElements(at(1, 1, 1, "a", false)) // the first after the early panes: leaves
            .addElements(at(2, 1, 2, "a", false)) // a new pane, nothing else: stays
            .addElements(at(3, 1, 2, "root", false)) // the cascade changed: leaves
            .addElements(at(1, 9, 1, "a", false)) // an older firing, late: dropped
            .addElements(at(4, 2, 3, "root", false)) // count: leaves
            .addElements(at(5, 2, 4, "root", true)) // final: leaves
            .advanceWatermarkToInfinity();
    PAssert.that(
            p.apply(stream)
                .apply(Window.into(FixedWindows.of(Duration.standardHours(1))))
                .apply(EmitChangedRows.create())
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.emitSeq()
                                    + ": x"
                                    + r.count()
                                    + " root "
                                    + r.rootCauseSignatureId()
                                    + (r.isFinal() ? " final" : ""))))
        .containsInAnyOrder(
            "1: x1 root a",
            "2: x1 root a",
            "3: x1 root root",
            "4: x2 root root",
            "5: x2 root root final");
    p.run().waitUntilFinish();
  }

  /** A row of cluster {@code id} in pane {@code pane}, listing {@code members}. */
  private static TimestampedValue<KV<String, KV<Long, ClusterRow>>> member(
      String id, long count, long pane, String... members) {
    ClusterRow row =
        ClusterRow.builder()
            .windowStart(H0)
            .windowEnd(H0.plusSeconds(3600))
            .service("svc")
            .signatureId(members[0])
            .groupId(id)
            .groupMemberIds(java.util.List.of(members))
            .count(count)
            .paneIndex(pane)
            .paneTiming(pane == 0 ? "EARLY" : "ON_TIME")
            .emittedAt(H0.plusSeconds(pane))
            .build();
    return TimestampedValue.of(
        KV.of("svc\u0000" + id, KV.of(pane, row)),
        new Instant(H0.plusSeconds(3599).toEpochMilli()));
  }

  /** Grouping's tombstone for cluster {@code id}, now counted under {@code by}. */
  private static TimestampedValue<KV<String, KV<Long, ClusterRow>>> tombstone(
      String id, long pane, String by) {
    TimestampedValue<KV<String, KV<Long, ClusterRow>>> m = member(id, 0, pane, id);
    ClusterRow row = m.getValue().getValue().getValue().toBuilder().supersededBy(by).build();
    return TimestampedValue.of(KV.of(m.getValue().getKey(), KV.of(pane, row)), m.getTimestamp());
  }

  private static TestStream.Builder<KV<String, KV<Long, ClusterRow>>> stream() {
    return TestStream.create(
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of())));
  }

  @Test
  public void shardedByClusterEachClusterKeepsItsOwnSequenceAndItsTombstoneMeetsIt() {
    TestStream<KV<String, KV<Long, ClusterRow>>> stream =
        stream()
            .addElements(member("alice", 2, 0, "alice"), member("bob", 1, 0, "bob"))
            .addElements(
                member("group", 8, 1, "alice", "bob", "carol"),
                tombstone("alice", 1, "group"),
                tombstone("bob", 1, "group"))
            .addElements(member("group", 9, 2, "alice", "bob", "carol"))
            .advanceWatermarkToInfinity();
    PAssert.that(
            p.apply(stream)
                .apply(Window.into(FixedWindows.of(Duration.standardHours(1))))
                .apply(EmitChangedRows.create().shardedBy(4).stampingRun("run-b", RunKind.STREAM))
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.clusterId()
                                    + " "
                                    + r.emitSeq()
                                    + ": x"
                                    + r.count()
                                    + (r.isTombstone() ? " in " + r.supersededBy() : ""))))
        .containsInAnyOrder(
            "alice 1: x2",
            "bob 1: x1",
            "group 1: x8",
            "alice 2: x0 in group",
            "bob 2: x0 in group",
            "group 2: x9");
    p.run().waitUntilFinish();
  }

  @Test
  public void tombstonesOfEmittedClustersLeaveNumberedAndTheirOldRowsStayOut() {
    TestStream<KV<String, KV<Long, ClusterRow>>> stream =
        stream()
            .addElements(member("alice", 2, 0, "alice"), member("bob", 1, 0, "bob"))
            .addElements(
                member("group", 8, 1, "alice", "bob", "carol"),
                tombstone("alice", 1, "group"),
                tombstone("bob", 1, "group"),
                // carol never had a row of her own here: nothing to take back
                tombstone("carol", 1, "group"))
            // the early firing's rows again, from a join that still holds them: outdated
            .addElements(member("alice", 2, 0, "alice"))
            .advanceWatermarkToInfinity();
    PAssert.that(
            p.apply(stream)
                .apply(Window.into(FixedWindows.of(Duration.standardHours(1))))
                .apply(EmitChangedRows.create().stampingRun("run-b", RunKind.STREAM))
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.clusterId()
                                    + " "
                                    + r.emitSeq()
                                    + ": x"
                                    + r.count()
                                    + (r.isTombstone() ? " in " + r.supersededBy() : "")
                                    + " "
                                    + r.runId())))
        .containsInAnyOrder(
            "alice 1: x2 run-b",
            "bob 1: x1 run-b",
            "group 1: x8 run-b",
            "alice 2: x0 in group run-b",
            "bob 2: x0 in group run-b");
    p.run().waitUntilFinish();
  }
}
