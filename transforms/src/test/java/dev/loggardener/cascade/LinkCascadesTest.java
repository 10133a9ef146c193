package dev.loggardener.cascade;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.CascadeEvidenceCoder;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.cluster.ClusterRowJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Cascade linking keyed and sharded: in a stream, a cluster's row leaves again only when it
 * changed, numbered by {@code emit_seq}, instead of every row of the window at every firing; the
 * cap keeps the biggest clusters across services; links across services are still found and joined
 * back to each service's rows.
 */
public class LinkCascadesTest {
  private static final Instant HOUR = new Instant(Cascades.HOUR.toEpochMilli());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  {
    p.getOptions().setStableUniqueNames(CheckEnabled.ERROR);
  }

  private static KV<ClusterRow, CascadeEvidence> cluster(
      String service, String id, long count, long pane, String timing) {
    ClusterRow row =
        ClusterRow.builder()
            .windowStart(Cascades.HOUR)
            .windowEnd(Cascades.HOUR.plusSeconds(3600))
            .service(service)
            .signatureId(id)
            .signature("template " + id)
            .sampleMessage("template " + id)
            .count(count)
            .firstSeen(Cascades.HOUR.plusSeconds(60))
            .lastSeen(Cascades.HOUR.plusSeconds(60))
            .paneIndex(pane)
            .paneTiming(timing)
            .build();
    return KV.of(row, new CascadeEvidence());
  }

  /** As the grouping stage emits rows: at the window's last instant. */
  private static TimestampedValue<KV<ClusterRow, CascadeEvidence>> at(
      KV<ClusterRow, CascadeEvidence> kv) {
    return TimestampedValue.of(kv, HOUR.plus(Duration.standardHours(1)).minus(1));
  }

  /** Read through the JSON form, so this test compiles (and fails) against code without it. */
  private static String emitSeq(ClusterRow r) {
    try {
      JsonNode json = JSON.readTree(ClusterRowJson.toJson(r));
      return json.path("emit_seq").asText("none");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String describe(ClusterRow r) {
    return r.service() + "/" + r.signatureId() + " x" + r.count() + " seq " + emitSeq(r);
  }

  @Test
  public void aStreamEmitsOnlyTheRowsThatChangedNumberedByEmitSeq() {
    WindowingConfig streaming =
        WindowingConfig.of(
            Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));
    TestStream.Builder<KV<ClusterRow, CascadeEvidence>> b =
        TestStream.create(KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of()))
            .advanceWatermarkTo(HOUR)
            // first firing upstream: three clusters in two services
            .addElements(
                at(cluster("orders-api", "a", 1, 0, "EARLY")),
                at(cluster("orders-api", "b", 5, 0, "EARLY")),
                at(cluster("billing", "c", 3, 0, "EARLY")));
    for (int i = 0; i < 4; i++) {
      b = b.advanceProcessingTime(Duration.standardMinutes(1));
    }
    // second firing: panes accumulate, so b and c come again unchanged; only a grew
    b =
        b.addElements(
            at(cluster("orders-api", "a", 2, 1, "EARLY")),
            at(cluster("orders-api", "b", 5, 1, "EARLY")),
            at(cluster("billing", "c", 3, 1, "EARLY")));
    for (int i = 0; i < 4; i++) {
      b = b.advanceProcessingTime(Duration.standardMinutes(1));
    }
    PCollection<ClusterRow> linked =
        p.apply("Stream", b.advanceWatermarkToInfinity())
            .apply("Window", WindowIntoHours.<KV<ClusterRow, CascadeEvidence>>of(streaming))
            .apply("Link", LinkCascades.within(120));
    // each change once: before, every row of the window left again at every firing
    PAssert.that(
            linked.apply(
                "Counts",
                MapElements.into(TypeDescriptors.strings())
                    .via(r -> r.service() + "/" + r.signatureId() + " x" + r.count())))
        .containsInAnyOrder(
            "orders-api/a x1", "orders-api/a x2", "orders-api/b x5", "billing/c x3");
    PCollection<String> out =
        linked.apply(
            "Describe",
            MapElements.into(TypeDescriptors.strings()).via(LinkCascadesTest::describe));
    PAssert.that(out)
        .containsInAnyOrder(
            "orders-api/a x1 seq 1",
            "orders-api/a x2 seq 2",
            "orders-api/b x5 seq 1",
            "billing/c x3 seq 1");
    p.run().waitUntilFinish();
  }

  @Test
  public void theCapKeepsTheBiggestClustersAcrossServicesAndSaysWhichWereLeftOut() {
    PCollection<ClusterRow> rows =
        p.apply(
                "Rows",
                Create.timestamped(
                        at(cluster("orders-api", "small", 2, 0, "ON_TIME")),
                        at(cluster("orders-api", "big", 50, 0, "ON_TIME")),
                        at(cluster("billing", "middle", 9, 0, "ON_TIME")))
                    .withCoder(KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of())))
            .apply(
                "Window",
                WindowIntoHours.<KV<ClusterRow, CascadeEvidence>>of(WindowingConfig.defaults()))
            .apply("Link", LinkCascades.within(120).withMaxClusters(2));
    PAssert.that(rows)
        .satisfies(
            all -> {
              Map<String, ClusterRow> byId = new TreeMap<>();
              List<String> seqs = new ArrayList<>();
              for (ClusterRow r : all) {
                byId.put(r.signatureId(), r);
                seqs.add(emitSeq(r));
              }
              assertThat(byId.keySet(), containsInAnyOrder("small", "big", "middle"));
              assertThat(seqs, containsInAnyOrder("1", "1", "1"));
              assertThat(byId.get("big").rootCauseSignatureId(), is("big"));
              assertThat(byId.get("middle").rootCauseSignatureId(), is("middle"));
              assertThat(byId.get("small").rootCauseSignatureId(), is(""));
              assertThat(byId.get("small").cascadeEvidence(), startsWith("not analysed"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aLinkAcrossServicesIsJoinedBackToEachServicesRows() {
    Cascades w = new Cascades();
    // a pool timeout in the database service, then 503s in the API in the same traces
    Cascades.Builder pool = w.cluster("db", "pool", "connection pool exhausted");
    Cascades.Builder gateway = w.cluster("api", "gw503", "upstream returned 503");
    for (int i = 0; i < 4; i++) {
      pool.at(100 + i * 300, "db-1", "trace-" + i);
      gateway.at(101 + i * 300, "api-" + i, "trace-" + i);
    }
    List<TimestampedValue<KV<ClusterRow, CascadeEvidence>>> in = new ArrayList<>();
    for (CascadeDetector.Candidate c : w.candidates()) {
      in.add(at(KV.of(c.row.toBuilder().paneTiming("ON_TIME").build(), c.evidence)));
    }
    PCollection<ClusterRow> rows =
        p.apply(
                "Rows",
                Create.timestamped(in)
                    .withCoder(KvCoder.of(ClusterRowCoder.of(), CascadeEvidenceCoder.of())))
            .apply(
                "Window",
                WindowIntoHours.<KV<ClusterRow, CascadeEvidence>>of(WindowingConfig.defaults()))
            .apply("Link", LinkCascades.within(120));
    PAssert.that(rows)
        .satisfies(
            all -> {
              Map<String, ClusterRow> byId = new TreeMap<>();
              all.forEach(r -> byId.put(r.signatureId(), r));
              assertThat(byId.get("gw503").rootCauseSignatureId(), is("pool"));
              assertThat(byId.get("gw503").cascadeParentSignatureId(), is("pool"));
              assertThat(byId.get("pool").rootCauseSignatureId(), is("pool"));
              assertThat(byId.get("pool").cascadeId(), is(byId.get("gw503").cascadeId()));
              assertThat(byId.get("pool").cascadeId().isEmpty(), is(false));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
