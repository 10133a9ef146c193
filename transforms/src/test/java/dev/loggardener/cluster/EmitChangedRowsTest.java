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
 * {@code is_final} does, with the next {@code emit_seq}; a new pane with nothing else changed does
 * not; a row from an older firing that arrives after a newer one (shuffles keep no order) does not.
 */
public class EmitChangedRowsTest {
  private static final java.time.Instant H0 = java.time.Instant.parse("2025-09-16T01:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<KV<String, KV<Long, ClusterRow>>> at(
      long version, long count, long pane, String root, boolean isFinal) {
    ClusterRow row =
        ClusterRow.builder()
            .windowStart(H0).windowEnd(H0.plusSeconds(3600)).service("svc").signatureId("a")
            .count(count).paneIndex(pane).paneTiming(pane == 0 ? "EARLY" : "ON_TIME")
            .rootCauseSignatureId(root).isFinal(isFinal).emittedAt(H0.plusSeconds(pane))
            .build();
    return TimestampedValue.of(
        KV.of("svc\u0000a", KV.of(version, row)), new Instant(H0.plusSeconds(3599).toEpochMilli()));
  }

  @Test
  public void onlyChangesLeaveNumberedAndStaleFiringsAreDropped() {
    TestStream<KV<String, KV<Long, ClusterRow>>> stream =
        TestStream.create(
                KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ClusterRowCoder.of())))
            .addElements(at(0, 1, 0, "a", false)) // first: leaves
            .addElements(at(1, 1, 1, "a", false)) // a new pane, nothing else: stays
            .addElements(at(2, 1, 1, "root", false)) // the cascade changed: leaves
            .addElements(at(1, 9, 1, "a", false)) // an older firing, late: dropped
            .addElements(at(3, 2, 2, "root", false)) // count: leaves
            .addElements(at(4, 2, 3, "root", true)) // final: leaves
            .advanceWatermarkToInfinity();
    PAssert.that(
            p.apply(stream)
                .apply(Window.into(FixedWindows.of(Duration.standardHours(1))))
                .apply(EmitChangedRows.create())
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.emitSeq() + ": x" + r.count() + " root " + r.rootCauseSignatureId()
                            + (r.isFinal() ? " final" : ""))))
        .containsInAnyOrder("1: x1 root a", "2: x1 root root", "3: x2 root root", "4: x2 root root final");
    p.run().waitUntilFinish();
  }
}
