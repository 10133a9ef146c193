package dev.loggardener.pipeline;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.io.Outputs;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.nio.file.Paths;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The whole processing graph on unbounded input: the cascade and history stages keep the windowing
 * the report join expects, and a signature is NEW in its first hour, ONGOING after.
 */
public class StreamingGardenerTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static RawRecord exit(long n, String ts) {
    return RawRecord.of(
        "stream",
        n,
        "{\"insertId\":\"i"
            + n
            + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\","
            + "\"revision_name\":\"orders-api-00043-lup\"}},\"severity\":\"WARNING\","
            + "\"labels\":{\"instanceId\":\"inst-1\"},\"textPayload\":\"Container called exit(3).\","
            + "\"timestamp\":\""
            + ts
            + "\"}");
  }

  @Test
  public void statusCarriesAcrossHourlyWindowsInStreaming() {
    LogGardenerOptions o = p.getOptions().as(LogGardenerOptions.class);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setInput(Paths.get("..", "samples", "cloud-run-backend-hour.json").toString());
    o.setEarlyFiringMinutes(0);
    TestStream<RawRecord> stream =
        TestStream.create(SerializableCoder.of(RawRecord.class))
            .addElements(exit(1, "2025-06-03T14:03:22Z"), exit(2, "2025-06-03T14:10:00Z"))
            .advanceWatermarkTo(Instant.parse("2025-06-03T15:00:00Z"))
            .addElements(exit(3, "2025-06-03T15:03:22Z"))
            .advanceWatermarkToInfinity();
    Outputs out = LogGardenerPipeline.process(p.apply("Stream", stream), o);
    PCollection<String> described =
        out.clusterRows()
            // The final pane of each window: which firing carries it depends on how fast the
            // runner moves watermarks through the keyed stages, its content does not.
            .apply("Final", Filter.by((ClusterRow r) -> r.isFinal()))
            .apply(
                "Describe",
                MapElements.into(TypeDescriptors.strings())
                    .via(r -> r.windowStart() + " " + r.count() + " " + r.status()));
    PAssert.that(described)
        .satisfies(
            rows -> {
              java.util.Set<String> distinct = new java.util.TreeSet<>();
              rows.forEach(distinct::add);
              if (!distinct.equals(
                  java.util.Set.of(
                      "2025-06-03T14:00:00Z 2 NEW", "2025-06-03T15:00:00Z 1 ONGOING"))) {
                throw new AssertionError("final rows: " + distinct);
              }
              return null;
            });
    PAssert.that(
            out.reports()
                .apply(
                    "ReportPaths",
                    MapElements.into(TypeDescriptors.strings())
                        .via(kv -> kv.getKey().split("_pane")[0])))
        .satisfies(
            paths -> {
              java.util.Set<String> seen = new java.util.TreeSet<>();
              paths.forEach(seen::add);
              if (!seen.equals(
                  java.util.Set.of("orders-api/20250603T1400Z", "orders-api/20250603T1500Z"))) {
                throw new AssertionError("expected a report per window, got " + seen);
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
