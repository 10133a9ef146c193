package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.report.BuildReports;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Google Cloud routing of the outputs, end to end on the DirectRunner: cluster rows to a (fake)
 * BigQuery table, a rejected row to the dead-letter table or, without one, to the file dead letter;
 * reports under {@code --reportPrefix}, one object per (service, window, pane), so the early,
 * on-time and late panes of a window are distinct objects that never overwrite each other; issue
 * drafts under {@code --output/issues} whatever the other sinks are.
 */
public class GoogleCloudSinksTest {
  static final Path SAMPLE = Paths.get("..", "samples", "cloud-run-backend-hour.json");
  static final String PROJECT = BigQueryClusterSinkTest.PROJECT;
  static final String DATASET = BigQueryClusterSinkTest.DATASET;

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private FakeDatasetService datasets;
  private FakeBigQueryServices services;

  @Before
  public void setUp() throws Exception {
    datasets = BigQueryClusterSinkTest.freshDataset(true);
    services = BigQueryClusterSinkTest.fakeServices(datasets);
  }

  /** Rejects the "Container called exit" cluster, as BigQuery would a row it cannot take. */
  static final class FailContainerExit implements Function<TableRow, Boolean>, Serializable {
    @Override
    public Boolean apply(TableRow r) {
      return String.valueOf(r.get("signature")).startsWith("Container called exit");
    }
  }

  LogGardenerOptions options(Path out) {
    LogGardenerOptions o = p.getOptions().as(LogGardenerOptions.class);
    o.setInput(SAMPLE.toString());
    o.setOutput(out.toString());
    o.setStableUniqueNames(CheckEnabled.ERROR);
    return o;
  }

  void runOnSample(LogGardenerOptions o) {
    Outputs outputs =
        LogGardenerPipeline.process(p.apply("ReadLogExport", ReadLogExport.from(o.getInput())), o);
    GoogleCloudSinks.write(outputs, o, services);
    p.run().waitUntilFinish();
  }

  List<TableRow> rows(String table) throws Exception {
    return new ArrayList<>(datasets.getAllRows(PROJECT, DATASET, table));
  }

  @Test
  public void rowsGoToBigQueryAndARejectedRowToTheDeadLetterTable() throws Exception {
    Path out = tmp.newFolder("out").toPath();
    LogGardenerOptions o = options(out);
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    o.setDeadLetterTable(PROJECT + ":" + DATASET + ".dead_letters");
    o.setReportPrefix(tmp.getRoot().toPath().resolve("bucket/reports").toString());
    datasets.setShouldFailRow(new FailContainerExit());
    runOnSample(o);

    assertThat(rows("clusters"), hasSize(6));
    List<TableRow> deadLetters = rows("dead_letters");
    assertThat(deadLetters, hasSize(1));
    assertThat(deadLetters.get(0).get("reason"), is("bigquery_insert_failed"));
    assertThat(deadLetters.get(0).get("source"), is("bigquery:" + o.getOutputTable()));
    assertThat((String) deadLetters.get(0).get("raw"), containsString("Container called exit"));
    assertThat(
        "no JSON-lines rows when a table is set", Files.exists(out.resolve("clusters")), is(false));
    assertThat(
        files(tmp.getRoot().toPath().resolve("bucket/reports")),
        hasItem("netra-backend-staging/20250916T0100Z_pane-0.md"));
  }

  @Test
  public void withoutADeadLetterTableARejectedRowLandsInTheFileDeadLetter() throws Exception {
    Path out = tmp.newFolder("out").toPath();
    LogGardenerOptions o = options(out);
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    datasets.setShouldFailRow(new FailContainerExit());
    runOnSample(o);

    assertThat(rows("clusters"), hasSize(6));
    String deadLetters = read(out.resolve("deadletter"));
    assertThat(deadLetters, containsString("\"reason\":\"bigquery_insert_failed\""));
    assertThat(deadLetters, containsString("Container called exit"));
    assertThat(
        files(out.resolve("reports")), hasItem("netra-backend-staging/20250916T0100Z_pane-0.md"));
  }

  @Test
  public void issueDraftsAreWrittenUnderOutputWhenRowsGoToBigQuery() throws Exception {
    Path out = tmp.newFolder("out").toPath();
    LogGardenerOptions o = options(out);
    o.setOutputTable(PROJECT + ":" + DATASET + ".clusters");
    o.setDeadLetterTable(PROJECT + ":" + DATASET + ".dead_letters");
    o.setReportPrefix(tmp.getRoot().toPath().resolve("bucket/reports").toString());
    runOnSample(o);

    List<String> drafts = files(out.resolve("issues"));
    assertThat("the sample has P0/P1 root clusters, so drafts", drafts.isEmpty(), is(false));
    assertThat(drafts, everyItem(matchesPattern("[^/]+/.+\\.md")));
    assertThat(read(out.resolve("issues")), containsString("netra-backend-staging"));
  }

  /**
   * Stands in for BuildReports: one report per (service, window, pane), keyed by the real report
   * path, whose content names the pane it came from.
   */
  static final class RenderPane extends DoFn<KV<String, Long>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> count,
        BoundedWindow w,
        PaneInfo pane,
        OutputReceiver<KV<String, String>> out) {
      java.time.Instant start =
          java.time.Instant.ofEpochMilli(((IntervalWindow) w).start().getMillis());
      out.output(
          KV.of(
              BuildReports.reportPath(count.getKey(), start, pane.getIndex()),
              pane.getTiming() + " " + count.getValue()));
    }
  }

  @Test
  public void earlyOnTimeAndLatePanesOfOneWindowGiveDistinctReportObjects() throws Exception {
    Instant hour = Instant.parse("2025-06-03T14:00:00Z");
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(hour)
            .addElements(TimestampedValue.of("orders-api", hour.plus(Duration.standardMinutes(3))))
            .advanceProcessingTime(Duration.standardMinutes(6)) // early pane
            .addElements(TimestampedValue.of("orders-api", hour.plus(Duration.standardMinutes(10))))
            .advanceWatermarkTo(hour.plus(Duration.standardHours(2))) // on-time pane
            .addElements(TimestampedValue.of("orders-api", hour.plus(Duration.standardMinutes(20))))
            .advanceWatermarkToInfinity(); // the late pane, then the window closes
    Path reports = tmp.getRoot().toPath().resolve("bucket/reports");
    WindowingConfig windowing =
        WindowingConfig.of(
            Duration.standardHours(1), Duration.standardMinutes(5), Duration.standardHours(6));

    p.apply(stream)
        .apply("WindowIntoHours", WindowIntoHours.<String>of(windowing))
        .apply("CountPerService", Count.perElement())
        .apply("RenderPane", ParDo.of(new RenderPane()))
        .apply("WriteReports", WriteLocalOutputs.reportsAt(reports.toString()));
    p.run().waitUntilFinish();

    List<String> names = files(reports);
    assertThat(names, everyItem(matchesPattern("orders-api/20250603T1400Z_pane-\\d+\\.md")));
    assertThat(names.size() >= 3, is(true));
    assertThat(read(reports.resolve(names.get(0))), is("EARLY 1\n"));
    assertThat(read(reports.resolve(names.get(1))), is("ON_TIME 2\n"));
    assertThat(read(reports.resolve(names.get(2))), is("LATE 3\n"));
  }

  static List<String> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          .filter(n -> !n.contains(".temp"))
          .sorted((a, b) -> Long.compare(pane(a), pane(b)))
          .collect(Collectors.toList());
    }
  }

  private static long pane(String name) {
    int i = name.lastIndexOf("_pane-");
    return i < 0 ? -1 : Long.parseLong(name.substring(i + 6, name.length() - 3));
  }

  static String read(Path dirOrFile) throws IOException {
    if (Files.isRegularFile(dirOrFile)) {
      return Files.readString(dirOrFile, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder();
    for (String f : files(dirOrFile)) {
      sb.append(Files.readString(dirOrFile.resolve(f), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
