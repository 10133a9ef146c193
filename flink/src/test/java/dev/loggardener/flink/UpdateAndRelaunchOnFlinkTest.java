package dev.loggardener.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.LatestRows;
import dev.loggardener.cluster.PostAggregationKey;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.GardenerSettings;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.options.SyntheticSourceOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * The streaming contract across an in-place update and a relaunch, end to end on Flink: the whole
 * graph runs on an embedded cluster (parallelism 2) over entries the test releases in two parts.
 *
 * <p>Update: after the first part, with the hour still open and its early rows out, the test takes
 * a savepoint through Flink's REST API (as {@code flink savepoint} does), cancels the job, and
 * starts the same graph from the savepoint ({@code execution.savepoint.path}, what Beam's {@code
 * --savepointPath} sets for a remote cluster) under a new run id; then it releases the rest. The
 * rows evaluated with the {@code clusters_latest} rules give each cluster's exact count; every row
 * of a cluster that had rows before the update keeps the first launch's lineage ({@code run_id})
 * and its {@code emit_seq} goes on from where the savepoint left it; the hour opened after the
 * update is the new launch's lineage.
 *
 * <p>Relaunch: the first job reads the first part and drains (its source ends, every window
 * closes); a new job without state reads the rest. The two lineages' rows add up to the exact
 * counts.
 *
 * <p>Early panes fire 2 s after a pane's first entry (the production graph otherwise, with its step
 * names, which a savepoint restores by). Each case takes 45 to 60 s on a busy 2-core machine, most
 * of it Flink starting its jobs.
 */
public class UpdateAndRelaunchOnFlinkTest {
  private static final Instant HOUR = Instant.parse("2026-03-02T14:00:00Z");
  private static final Instant NEXT_HOUR = HOUR.plus(org.joda.time.Duration.standardHours(1));

  private static final String EXIT = "Container called exit(3).";
  private static final String DB = "connection refused by database host db-primary";
  private static final String OOM = "java.lang.OutOfMemoryError: Java heap space";
  private static final String TLS = "TLS handshake timeout while calling the payments gateway";

  /** Rows the graph emitted, in order, over every launch; the embedded cluster shares the JVM. */
  static final List<ClusterRow> ROWS = new CopyOnWriteArrayList<>();

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final Timeout timeout = new Timeout(4, TimeUnit.MINUTES);

  private final List<RawRecord> records = new ArrayList<>();
  private final List<Instant> times = new ArrayList<>();
  private final Map<String, Long> expected = new TreeMap<>();
  private int firstPart;

  @Before
  public void entries() {
    QuietLogs.warningsOnly();
    ROWS.clear();
    // First part: three clusters in two services, early in the hour.
    add("checkout", EXIT, HOUR, 1, 3);
    add("checkout", DB, HOUR, 2, 2);
    add("payments", OOM, HOUR, 3, 2);
    firstPart = records.size();
    // The rest: more of two of them, a new cluster in the same hour, and the next hour.
    add("checkout", EXIT, HOUR, 31, 2);
    add("payments", OOM, HOUR, 32, 1);
    add("payments", TLS, HOUR, 40, 2);
    add("checkout", EXIT, NEXT_HOUR, 5, 1);
  }

  @Test
  public void anUpdateFromASavepointKeepsTheLineageAndCountsEveryClusterOnce() throws Exception {
    int port = freePort();
    GatedEntries source = GatedEntries.of(records, times);
    String savepoint = savepointOfFirstPart("20260302T140000Z-aaaaaaaa", source, port);
    int beforeUpdate = ROWS.size();

    GatedEntries.RELEASED.set(records.size());
    AtomicReference<Throwable> secondFailure = new AtomicReference<>();
    Thread second =
        launch("20260302T143000Z-bbbbbbbb", source, conf(port, savepoint), secondFailure);
    second.join(120_000);
    assertThat("the restored job ended", second.isAlive(), is(false));
    assertThat("the restored job failed: " + secondFailure.get(), secondFailure.get() == null);

    assertThat(viewCounts(), equalTo(expectedByCluster()));
    assertThat(runIds(NEXT_HOUR), equalTo(Set.of("20260302T143000Z-bbbbbbbb")));
    List<ClusterRow> before = ROWS.subList(0, beforeUpdate);
    List<ClusterRow> after = ROWS.subList(beforeUpdate, ROWS.size());
    // The lineage lives per key of the emitting step (a shard of the (window, service) by
    // cluster id): every cluster that had rows before the update keeps the first launch's.
    for (String message : List.of(EXIT, OOM, DB)) {
      assertThat(
          message + ": lineage",
          runIdsOf(HOUR, clusterOf(message)),
          equalTo(Set.of("20260302T140000Z-aaaaaaaa")));
    }
    for (String message : List.of(EXIT, OOM)) {
      String cluster = clusterOf(message);
      long lastBefore = maxSeq(before, cluster);
      assertThat(message + ": rows before the update", lastBefore, greaterThan(0L));
      assertThat(
          message + ": the restored job's first row continues the sequence",
          minSeq(after, cluster),
          equalTo(lastBefore + 1));
    }
    for (String cluster : clustersOf(HOUR)) {
      assertThat(cluster + ": emit_seq 1, 2, 3, ...", seqs(cluster), equalTo(oneTo(cluster)));
    }
  }

  /**
   * The steps keyed per cluster shard name their shard count, so their state cannot go to keys of
   * another count: Flink refuses the savepoint instead of the view counting moved clusters twice.
   */
  @Test
  public void anUpdateThatChangesTheShardCountIsRefused() throws Exception {
    int port = freePort();
    GatedEntries source = GatedEntries.of(records, times);
    String savepoint = savepointOfFirstPart("20260302T140000Z-cccccccc", source, port);

    AtomicReference<Throwable> secondFailure = new AtomicReference<>();
    Thread second =
        launch(
            "20260302T143000Z-dddddddd",
            source,
            conf(port, savepoint),
            secondFailure,
            PostAggregationKey.DEFAULT_SHARDS + 1);
    second.join(120_000);
    assertThat("the restored job ended", second.isAlive(), is(false));
    assertThat("the restore was refused", secondFailure.get() != null);
    assertThat(
        "refused for the state of a step no operator takes: " + secondFailure.get(),
        causes(secondFailure.get()).contains("Cannot map checkpoint/savepoint state"));
  }

  /**
   * Runs the graph over the first part of the entries until the hour's early rows of it are out and
   * the graph has settled, takes a savepoint through the REST API and cancels the job.
   */
  private String savepointOfFirstPart(String runId, GatedEntries source, int port)
      throws Exception {
    GatedEntries.RELEASED.set(firstPart);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread first = launch(runId, source, conf(port, null), failure);
    FlinkRest flink = new FlinkRest(port);
    String job = flink.runningJob(Duration.ofSeconds(60));
    // The hour is open; wait for its early rows of the first part, then for the graph to settle.
    await(() -> earlyRowsCover(firstPartCounts()), "early rows of the first part");
    awaitQuiet();
    String savepoint = flink.savepoint(job, tmp.newFolder("savepoints").toURI().toString());
    flink.cancel(job);
    first.join(60_000);
    assertThat("the first job ended", first.isAlive(), is(false));
    assertThat("the first job failed: " + failure.get(), failure.get() == null);
    return savepoint;
  }

  private static String causes(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  public void aDrainedJobAndItsRelaunchAddUpToEveryClusterOnce() throws Exception {
    int port = freePort();
    GatedEntries.RELEASED.set(records.size());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    launch(
            "20260302T140000Z-cccccccc",
            GatedEntries.of(records.subList(0, firstPart), times.subList(0, firstPart)),
            conf(port, null),
            failure)
        .join(120_000);
    launch(
            "20260302T143000Z-dddddddd",
            GatedEntries.of(
                records.subList(firstPart, records.size()), times.subList(firstPart, times.size())),
            conf(port, null),
            failure)
        .join(120_000);
    assertThat("a launch failed: " + failure.get(), failure.get() == null);

    assertThat(viewCounts(), equalTo(expectedByCluster()));
    assertThat(
        runIds(HOUR), equalTo(Set.of("20260302T140000Z-cccccccc", "20260302T143000Z-dddddddd")));
    assertThat("every row closed its lineage's count", openLineages(), empty());
  }

  private void add(String service, String message, Instant hour, int minute, int n) {
    for (int i = 0; i < n; i++) {
      Instant t = hour.plus(org.joda.time.Duration.standardMinutes(minute)).plus(i * 1000L);
      int index = records.size();
      records.add(entry(index, service, message, t));
      times.add(t);
      expected.merge(hour + "|" + service + "|" + message, 1L, Long::sum);
    }
  }

  private Map<String, Long> firstPartCounts() {
    Map<String, Long> out = new TreeMap<>();
    for (int i = 0; i < firstPart; i++) {
      out.merge(messageOf(records.get(i)), 1L, Long::sum);
    }
    return out;
  }

  private static boolean earlyRowsCover(Map<String, Long> counts) {
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (ROWS.stream()
          .noneMatch(r -> e.getKey().equals(r.sampleMessage()) && r.count() == e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Waits until no row has been emitted for 3 s: the batching steps have nothing pending. */
  private static void awaitQuiet() throws InterruptedException {
    int seen = -1;
    while (seen != ROWS.size()) {
      seen = ROWS.size();
      Thread.sleep(3_000);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what + "; rows: " + ROWS);
      }
      Thread.sleep(100);
    }
  }

  private Map<String, Long> expectedByCluster() {
    Map<String, Long> out = new TreeMap<>();
    expected.forEach(
        (k, n) -> {
          String[] p = k.split("\\|", 3);
          out.put(java.time.Instant.parse(p[0]) + "|" + p[1] + "|" + clusterOf(p[2]), n);
        });
    return out;
  }

  private static Map<String, Long> viewCounts() {
    return ClustersLatest.counts(ROWS);
  }

  private static String clusterOf(String message) {
    return ROWS.stream()
        .filter(r -> message.equals(r.sampleMessage()))
        .map(ClusterRow::clusterId)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + message));
  }

  private static Set<String> runIds(Instant window) {
    return ROWS.stream()
        .filter(r -> r.windowStart().toEpochMilli() == window.getMillis())
        .map(ClusterRow::runId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> runIdsOf(Instant window, String cluster) {
    return ROWS.stream()
        .filter(r -> r.windowStart().toEpochMilli() == window.getMillis())
        .filter(r -> r.clusterId().equals(cluster))
        .map(ClusterRow::runId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> clustersOf(Instant window) {
    return ROWS.stream()
        .filter(r -> r.windowStart().toEpochMilli() == window.getMillis())
        .map(ClusterRow::clusterId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Long> seqs(String cluster) {
    return ROWS.stream()
        .filter(r -> r.windowStart().toEpochMilli() == HOUR.getMillis())
        .filter(r -> cluster.equals(r.clusterId()))
        .map(ClusterRow::emitSeq)
        .sorted()
        .collect(Collectors.toList());
  }

  private static List<Long> oneTo(String cluster) {
    List<Long> out = new ArrayList<>();
    for (long i = 1; i <= seqs(cluster).size(); i++) {
      out.add(i);
    }
    return out;
  }

  private static long maxSeq(List<ClusterRow> rows, String cluster) {
    return rows.stream()
        .filter(r -> r.windowStart().toEpochMilli() == HOUR.getMillis())
        .filter(r -> cluster.equals(r.clusterId()))
        .mapToLong(ClusterRow::emitSeq)
        .max()
        .orElse(0L);
  }

  private static long minSeq(List<ClusterRow> rows, String cluster) {
    return rows.stream()
        .filter(r -> r.windowStart().toEpochMilli() == HOUR.getMillis())
        .filter(r -> cluster.equals(r.clusterId()))
        .mapToLong(ClusterRow::emitSeq)
        .min()
        .orElse(0L);
  }

  /** (lineage, window, cluster)s whose latest row is not final: a count a drain left open. */
  private static Set<String> openLineages() {
    return LatestRows.perLineage(ROWS).stream()
        .filter(r -> !r.isFinal())
        .map(r -> ClustersLatest.key(r) + "|" + r.runId())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Starts the whole graph over {@code source} on an embedded Flink cluster, in a thread. */
  private Thread launch(
      String runId, GatedEntries source, Path confDir, AtomicReference<Throwable> failure) {
    return launch(runId, source, confDir, failure, PostAggregationKey.DEFAULT_SHARDS);
  }

  private Thread launch(
      String runId,
      GatedEntries source,
      Path confDir,
      AtomicReference<Throwable> failure,
      int shards) {
    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setSource(SyntheticSourceOptions.SYNTHETIC);
    o.setPostAggregationShards(shards);
    o.setRunId(runId);
    o.setStableUniqueNames(CheckEnabled.ERROR);
    FlinkPipelineOptions f = o.as(FlinkPipelineOptions.class);
    f.setRunner(FlinkRunner.class);
    f.setFlinkMaster("[local]");
    f.setParallelism(2);
    f.setFlinkConfDir(confDir.toString());
    f.setFasterCopy(true);
    f.setAutoWatermarkInterval(200L);
    // A finished source must shut down, or the job never ends once the last window has closed.
    f.setShutdownSourcesAfterIdleMs(0L);
    GardenerSettings s = GardenerSettings.from(o);
    GardenerSettings fastEarlyPanes =
        s.withWindowing(
            WindowingConfig.of(
                s.windowing().windowSize(),
                org.joda.time.Duration.standardSeconds(2),
                s.windowing().allowedLateness()));

    Pipeline p = Pipeline.create(o);
    LogGardenerPipeline.process(
            p.apply("ReadEntries", Read.from(source))
                .setCoder(SerializableCoder.of(RawRecord.class)),
            fastEarlyPanes)
        .clusterRows()
        .apply("CollectRows", ParDo.of(new CollectRows()));
    Thread t =
        new Thread(
            () -> {
              try {
                p.run().waitUntilFinish();
              } catch (Throwable e) {
                if (!cancelled(e)) {
                  failure.set(e);
                }
              }
            },
            "flink-" + runId);
    t.start();
    return t;
  }

  private static boolean cancelled(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getClass().getSimpleName().contains("JobCancellation")
          || String.valueOf(c.getMessage()).contains("CANCELED")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A Flink configuration with a fixed REST port and, for a restore, the savepoint to start from.
   */
  private Path conf(int port, String savepoint) throws IOException {
    Path dir = tmp.newFolder().toPath();
    String conf =
        FlinkMain.LOCAL_FLINK_CONF
            + "rest.bind-port: "
            + port
            + "\nrest.port: "
            + port
            + "\n"
            + (savepoint == null ? "" : "execution.savepoint.path: " + savepoint + "\n");
    Files.writeString(dir.resolve("flink-conf.yaml"), conf);
    return dir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String messageOf(RawRecord r) {
    String json = r.text();
    for (String m : List.of(EXIT, DB, OOM, TLS)) {
      if (json.contains(m)) {
        return m;
      }
    }
    throw new AssertionError("unknown entry " + json);
  }

  /** A Cloud Run log entry of {@code service} at {@code t}. */
  private static RawRecord entry(long n, String service, String message, Instant t) {
    return RawRecord.of(
        "stream",
        n + 1,
        "{\"insertId\":\"i"
            + n
            + "\",\"logName\":\"projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem\","
            + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\""
            + service
            + "\",\"revision_name\":\""
            + service
            + "-00043-lup\"}},\"severity\":\"ERROR\",\"labels\":{\"instanceId\":\"inst-1\"},"
            + "\"textPayload\":\""
            + message
            + "\",\"timestamp\":\""
            + t
            + "\"}");
  }

  static final class CollectRows extends DoFn<ClusterRow, Void> {
    @ProcessElement
    public void process(@Element ClusterRow row) {
      ROWS.add(row);
    }
  }
}
