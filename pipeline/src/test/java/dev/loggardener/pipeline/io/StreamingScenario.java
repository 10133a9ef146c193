package dev.loggardener.pipeline.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * One scenario of the streaming contract, run over the whole graph: one or more launches (a stream
 * from a {@code TestStream}, or a batch over fixed entries) on the DirectRunner, all writing to one
 * fake BigQuery table, as a drained job, its relaunch and a backfill write to one real table.
 * Afterwards the table's rows, the generator's counts and every issue draft are at hand; {@link
 * #dump} writes the rows and the counts for the {@code sql-check} module, which runs the committed
 * {@code clusters_latest} view over them on ZetaSQL.
 */
final class StreamingScenario {
  static final String PROJECT = BigQueryClusterSinkTest.PROJECT;
  static final String DATASET = BigQueryClusterSinkTest.DATASET;

  /** Where the rows of every scenario go for the view check in {@code sql-check}. */
  static final Path DUMPS = Paths.get("target", "streaming-scenarios");

  /** Per scenario, the rows its launches wrote so far: what {@link LatestRowsSeed} reads. */
  static final Map<String, List<TableRow>> SEEDS = new java.util.concurrent.ConcurrentHashMap<>();

  /** Drafts of every launch, as (relative path under issues/): filled by {@link CollectDrafts}. */
  static final List<String> DRAFTS = new CopyOnWriteArrayList<>();

  private final String name;
  private final Path work;
  private final FakeBigQueryServices services;
  private final Map<String, Long> expected = new TreeMap<>();

  /** Every launch's rows as the sink wrote them (the fake's copy is retyped for its export). */
  private final List<TableRow> written = new ArrayList<>();

  /** Entries or rows dropped as too late, by step, over every launch. */
  final Map<String, Long> dropped = new TreeMap<>();

  /** Every counter, by name, summed over steps and launches. */
  final Map<String, Long> counters = new TreeMap<>();

  private int launches;

  StreamingScenario(String name, Path work) throws Exception {
    this.name = name;
    this.work = work;
    this.services =
        BigQueryClusterSinkTest.fakeServices(BigQueryClusterSinkTest.freshDataset(false));
    DRAFTS.clear();
    SEEDS.put(name, List.of());
  }

  /** The generator's truth: {@code n} entries of {@code cluster} in the window at {@code hour}. */
  StreamingScenario expect(Instant hour, String service, String cluster, long n) {
    expected.merge(hour + "|" + service + "|" + cluster, n, Long::sum);
    return this;
  }

  /** A streaming launch with run id {@code runId} reading {@code stream}. */
  void stream(String runId, TestStream<RawRecord> stream, Consumer<LogGardenerOptions> tweak)
      throws Exception {
    launch(runId, p -> p.apply("Stream", stream), tweak);
  }

  /** A batch launch (a backfill) with run id {@code runId} over {@code entries}. */
  void batch(String runId, List<RawRecord> entries, Consumer<LogGardenerOptions> tweak)
      throws Exception {
    launch(
        runId,
        p -> p.apply("Export", Create.of(entries).withCoder(SerializableCoder.of(RawRecord.class))),
        tweak);
  }

  private void launch(
      String runId,
      java.util.function.Function<Pipeline, PCollection<RawRecord>> source,
      Consumer<LogGardenerOptions> tweak)
      throws Exception {
    launches++;
    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setRunner(DirectRunner.class);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setRunId(runId);
    o.setInput(Paths.get("..", "samples", "cloud-run-backend-hour.json").toString());
    Path out = Files.createDirectories(work.resolve("launch-" + launches));
    o.setOutput(out.resolve("out").toString());
    o.setReportPrefix(out.resolve("bucket/reports").toString());
    o.setTempLocation(Files.createDirectories(out.resolve("temp")).toString());
    o.as(GcpOptions.class).setProject(PROJECT);
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    o.setBigQueryTriggeringFrequencySeconds(5);
    o.setSeedHistoryDays(7);
    o.as(HistorySeedOptions.class).setHistorySeedQuery(new LatestRowsSeed(name));
    tweak.accept(o);
    Pipeline p = Pipeline.create(o);
    Outputs outputs = LogGardenerPipeline.process(source.apply(p), o);
    outputs.issueDrafts().apply("CollectDrafts", ParDo.of(new CollectDrafts()));
    GoogleCloudSinks.write(outputs, o, services);
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(org.apache.beam.sdk.metrics.MetricsFilter.builder().build())
            .getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
      if ("droppedDueToLateness".equalsIgnoreCase(c.getName().getName()) && c.getAttempted() > 0) {
        dropped.merge(c.getKey().stepName(), c.getAttempted(), Long::sum);
      }
    }
    List<TableRow> all = new FakeDatasetService().getAllRows(PROJECT, DATASET, "clusters");
    for (int i = written.size(); i < all.size(); i++) {
      written.add(all.get(i).clone()); // this launch's rows, as the sink wrote them
    }
    SEEDS.put(name, rows());
  }

  /** BigQuery's text forms of a TIMESTAMP: RFC 3339, or {@code 2025-06-03 14:00:00[.f] UTC}. */
  static long micros(String v) {
    String iso = v.trim().replace(" UTC", "Z").replace(' ', 'T').replace("TT", "T");
    if (!iso.endsWith("Z") && !iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
      iso = iso + "Z";
    }
    java.time.Instant i = java.time.OffsetDateTime.parse(iso).toInstant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  /** Every row written to the table so far, timestamps as epoch microseconds. */
  List<TableRow> rows() throws Exception {
    List<TableRow> out = new ArrayList<>();
    for (TableRow r : written) {
      TableRow copy = r.clone();
      for (String c :
          List.of("window_start", "window_end", "first_seen", "last_seen", "emitted_at")) {
        Object v = copy.get(c);
        if (v != null) {
          String text = String.valueOf(v);
          copy.set(c, text.matches("-?\\d+") ? Long.parseLong(text) : micros(text));
        }
      }
      out.add(copy);
    }
    return out;
  }

  /** The cluster id the table's rows give the entries whose sample message is {@code message}. */
  String clusterOf(String message) throws Exception {
    for (TableRow r : rows()) {
      if (message.equals(r.get("sample_message"))) {
        return (String) r.get("group_id");
      }
    }
    throw new AssertionError("no row with the sample " + message);
  }

  /** Drafts per cluster id (the draft's file name ends in {@code _<cluster id>.md}). */
  Map<String, Long> draftsPerCluster() {
    Map<String, Long> out = new TreeMap<>();
    for (String d : DRAFTS) {
      String file = d.substring(d.lastIndexOf('/') + 1);
      String cluster = file.substring(file.indexOf('_') + 1, file.length() - ".md".length());
      out.merge(cluster, 1L, Long::sum);
    }
    return out;
  }

  /**
   * The status of the latest row of {@code cluster} in the window at {@code hour}: the newest run's
   * highest {@code emit_seq}.
   */
  String latestStatus(Instant hour, String cluster) throws Exception {
    TableRow best = null;
    for (TableRow r : rows()) {
      if (!cluster.equals(r.get("group_id"))
          || Long.parseLong(String.valueOf(r.get("window_start"))) != hour.getMillis() * 1000L) {
        continue;
      }
      if (best == null || compare(r, best) > 0) {
        best = r;
      }
    }
    return best == null ? null : (String) best.get("status");
  }

  /** The status of the on-time row of {@code cluster} in the window at {@code hour}, if any. */
  String onTimeStatus(Instant hour, String cluster) throws Exception {
    for (TableRow r : rows()) {
      if (cluster.equals(r.get("group_id"))
          && Long.parseLong(String.valueOf(r.get("window_start"))) == hour.getMillis() * 1000L
          && "ON_TIME".equals(r.get("pane_timing"))) {
        return (String) r.get("status");
      }
    }
    return null;
  }

  private static int compare(TableRow a, TableRow b) {
    int byRun = String.valueOf(a.get("run_id")).compareTo(String.valueOf(b.get("run_id")));
    return byRun != 0
        ? byRun
        : Long.compare(
            Long.parseLong(String.valueOf(a.get("emit_seq"))),
            Long.parseLong(String.valueOf(b.get("emit_seq"))));
  }

  /** Writes the table's rows and the generator's counts for the view check in sql-check. */
  void dump() throws IOException, Exception {
    Files.createDirectories(DUMPS);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scenario", name);
    doc.put("expected", expected);
    doc.put("dropped_as_too_late", dropped);
    doc.put("rows", rows());
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(DUMPS.resolve(name + ".json").toFile(), doc);
    assertNothingDroppedAsLate();
  }

  /** No step dropped an entry or row as too late, in any launch (closing panes included). */
  void assertNothingDroppedAsLate() {
    org.hamcrest.MatcherAssert.assertThat(
        "rows dropped as too late, by step: " + dropped,
        dropped,
        org.hamcrest.Matchers.anEmptyMap());
  }

  /** Advances processing time a minute at a time, so every gathering stage gets its turns. */
  static TestStream.Builder<RawRecord> settle(TestStream.Builder<RawRecord> b, int minutes) {
    for (int i = 0; i < minutes; i++) {
      b = b.advanceProcessingTime(Duration.standardMinutes(1));
    }
    return b;
  }

  static TestStream.Builder<RawRecord> stream() {
    return TestStream.create(SerializableCoder.of(RawRecord.class));
  }

  /** A Cloud Run log entry of {@code service} at {@code ts} with {@code message}. */
  static RawRecord entry(long n, String service, String severity, String message, String ts) {
    return RawRecord.of(
        "stream",
        n,
        "{\"insertId\":\"i"
            + n
            + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\""
            + service
            + "\","
            + "\"revision_name\":\""
            + service
            + "-00043-lup\"}},\"severity\":\""
            + severity
            + "\","
            + "\"labels\":{\"instanceId\":\"inst-1\"},\"textPayload\":\""
            + message
            + "\","
            + "\"timestamp\":\""
            + ts
            + "\"}");
  }

  static final class CollectDrafts extends DoFn<KV<String, String>, Void> {
    @ProcessElement
    public void process(@Element KV<String, String> draft) {
      DRAFTS.add(draft.getKey());
    }
  }

  /** A seed query that fails as BigQuery does where the job may not run queries. */
  static final class FailingSeed implements SeedQuery {
    private static final long serialVersionUID = 1L;

    @Override
    public List<TableRow> rows(
        String sql, java.time.Instant since, org.apache.beam.sdk.options.PipelineOptions options)
        throws IOException {
      throw new IOException(
          "403 Forbidden: Access Denied: User does not have bigquery.jobs.create permission");
    }
  }

  /**
   * What the seed query would read from {@code clusters_latest} over the rows the scenario's
   * launches wrote: per (window, service, cluster), the latest row of each lineage, tombstones left
   * out, counts summed, with the group's template. A stand-in for BigQuery (the view itself is
   * checked on ZetaSQL in sql-check); it leaves out backfills, which no scenario seeds from.
   */
  static final class LatestRowsSeed implements SeedQuery {
    private static final long serialVersionUID = 1L;
    private final String scenario;

    LatestRowsSeed(String scenario) {
      this.scenario = scenario;
    }

    @Override
    public List<TableRow> rows(
        String sql, java.time.Instant since, org.apache.beam.sdk.options.PipelineOptions options) {
      Map<String, TableRow> latest = new TreeMap<>();
      for (TableRow r : SEEDS.getOrDefault(scenario, List.of())) {
        String key =
            r.get("window_start")
                + "|"
                + r.get("service")
                + "|"
                + r.get("group_id")
                + "|"
                + r.get("run_id");
        TableRow before = latest.get(key);
        if (before == null || seq(r) > seq(before)) {
          latest.put(key, r);
        }
      }
      Map<String, TableRow> out = new TreeMap<>();
      for (TableRow r : latest.values()) {
        long startMicros = Long.parseLong(String.valueOf(r.get("window_start")));
        if (r.get("superseded_by") != null || startMicros < since.toEpochMilli() * 1000L) {
          continue;
        }
        String key = startMicros + "|" + r.get("service") + "|" + r.get("group_id");
        TableRow sum = out.get(key);
        long count = Long.parseLong(String.valueOf(r.get("count")));
        if (sum == null) {
          out.put(
              key,
              new TableRow()
                  .set("window_start", String.valueOf(startMicros / 1_000_000L))
                  .set(
                      "window_end",
                      String.valueOf(
                          Long.parseLong(String.valueOf(r.get("window_end"))) / 1_000_000L))
                  .set("service", r.get("service"))
                  .set("cluster_id", r.get("group_id"))
                  .set("group_template", r.get("group_template"))
                  .set("count", String.valueOf(count)));
        } else {
          sum.set("count", String.valueOf(Long.parseLong((String) sum.get("count")) + count));
        }
      }
      return new ArrayList<>(out.values());
    }

    private static long seq(TableRow r) {
      return Long.parseLong(String.valueOf(r.get("emit_seq")));
    }
  }
}
