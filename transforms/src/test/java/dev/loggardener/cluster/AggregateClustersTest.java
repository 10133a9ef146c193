package dev.loggardener.cluster;

import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** Aggregation of bounded input: one row per (window, service, signature), whatever the keying. */
public class AggregateClustersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  {
    p.getOptions().setStableUniqueNames(CheckEnabled.ERROR);
  }

  private static List<SignedEntry> entries() {
    List<SignedEntry> out = new ArrayList<>();
    String[] services = {"orders-api", "checkout-api"};
    for (int i = 0; i < 300; i++) {
      String service = services[i % 2];
      String sig = "sig" + (i % 5);
      java.time.Instant t =
          java.time.Instant.parse("2025-06-03T13:30:00Z").plusSeconds((i * 37L) % 7200);
      out.add(
          new SignedEntry(
              service,
              "cloud_run_revision",
              sig,
              "template " + sig,
              1,
              i % 3 == 0 ? Severity.ERROR : Severity.WARNING,
              t,
              "message " + i,
              "id" + i,
              "",
              service + "-0000" + (i % 3) + "-abc",
              "projects/p/logs/stderr",
              "inst" + (i % 7)));
    }
    return out;
  }

  private PCollection<String> aggregate(String name, AggregateClusters aggregate) {
    return p.apply(name + "Create", Create.of(entries()).withCoder(SignedEntryCoder.of()))
        .apply(name + "Stamp", WithTimestamps.of(e -> new Instant(e.timestamp.toEpochMilli())))
        .apply(name + "Window", WindowIntoHours.<SignedEntry>of(WindowingConfig.defaults()))
        .apply(name + "Aggregate", aggregate)
        .apply(
            name + "Describe",
            MapElements.into(TypeDescriptors.strings()).via(AggregateClustersTest::describe));
  }

  static String describe(ClusterRow r) {
    return ClusterRowJson.toJson(r.toBuilder().emittedAt(null).build());
  }

  @Test
  public void bucketedAndPerClusterKeyingGiveTheSameRows() {
    PCollection<String> perCluster =
        aggregate("PerCluster", AggregateClusters.create().withBoundedBuckets(0));
    PCollection<String> bucketed =
        aggregate("Bucketed", AggregateClusters.create().withBoundedBuckets(3));
    // 2 services x 5 signatures x 3 hourly windows touched (13:30 to 15:30).
    PAssert.that(perCluster)
        .satisfies(
            rows -> {
              int n = 0;
              for (String ignored : rows) {
                n++;
              }
              if (n != 30) {
                throw new AssertionError("expected 30 rows, got " + n);
              }
              return null;
            });
    // Every row of one keying appears, identical, in the other.
    PAssert.that(
            PCollectionList.of(perCluster)
                .and(bucketed)
                .apply("Both", Flatten.pCollections())
                .apply("CountEach", Count.perElement())
                .apply("Occurrences", MapElements.into(TypeDescriptors.longs()).via(KV::getValue)))
        .satisfies(
            counts -> {
              for (Long c : counts) {
                if (c != 2L) {
                  throw new AssertionError("a row differs between the two keyings");
                }
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void countsSumToTheEntriesAndWindowsAreHourly() {
    PCollection<String> rows = aggregate("Default", AggregateClusters.create());
    PAssert.that(rows)
        .satisfies(
            all -> {
              long total = 0;
              for (String r : all) {
                ClusterRow row = ClusterRowJson.fromJson(r);
                total += row.count();
                if (Duration.millis(
                            row.windowEnd().toEpochMilli() - row.windowStart().toEpochMilli())
                        .getStandardMinutes()
                    != 60) {
                  throw new AssertionError("window is not an hour: " + r);
                }
                if (!row.isFinal() || row.paneTiming() != PaneTiming.ON_TIME) {
                  throw new AssertionError("bounded input must give one final on-time pane: " + r);
                }
              }
              if (total != 300) {
                throw new AssertionError("counts sum to " + total);
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
