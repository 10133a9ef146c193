package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.cluster.PaneTiming;
import dev.loggardener.cluster.Status;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.sample.CloudRunHourGenerator.SeedCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * End to end on the DirectRunner: the bundled sample gives the seed worklog's seven clusters with
 * their counts and priorities, rows, reports and dead letters land under the output folder, and the
 * counters add up.
 */
public class LogGardenerPipelineTest {
  static final Path SAMPLE = Paths.get("..", "samples", "cloud-run-backend-hour.json");

  @ClassRule public static final TemporaryFolder SHARED = new TemporaryFolder();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** One run over the bundled sample, shared by the tests that only read its outputs. */
  private static Path sampleOut;

  private static RunSummary sampleSummary;

  @BeforeClass
  public static void runOnBundledSample() throws Exception {
    sampleOut = SHARED.newFolder("sample-out").toPath();
    sampleSummary = run(options(SAMPLE.toString(), sampleOut));
  }

  public static LogGardenerOptions options(String input, Path output) {
    PipelineOptionsFactory.register(LogGardenerOptions.class);
    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setInput(input);
    o.setOutput(output.toString());
    o.setStableUniqueNames(CheckEnabled.ERROR);
    o.setPrintSummary(false);
    o.setRunner(DirectRunner.class);
    return o;
  }

  public static RunSummary run(LogGardenerOptions o) {
    Pipeline p = Pipeline.create(o);
    LogGardenerPipeline.build(p, o);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return RunSummary.of(result);
  }

  public static List<ClusterRow> rows(Path output) throws IOException {
    List<ClusterRow> rows = new ArrayList<>();
    for (Path f : files(output.resolve("clusters"))) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          rows.add(ClusterRowJson.fromJson(line));
        }
      }
    }
    return rows;
  }

  static List<JsonNode> deadLetters(Path output) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (Path f : files(output.resolve("deadletter"))) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(m.readTree(line));
        }
      }
    }
    return out;
  }

  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  public void bundledSampleGivesTheSeedsSevenClustersWithCountsAndPriorities() throws Exception {
    RunSummary summary = sampleSummary;
    List<ClusterRow> rows = rows(sampleOut);
    assertThat(rows, hasSize(7));
    Map<String, String> actual = new TreeMap<>();
    for (ClusterRow r : rows) {
      actual.put(r.priority() + " " + r.count(), r.sampleMessage().split("\n")[0]);
      assertThat(r.isFinal(), is(true));
      assertThat(r.paneTiming(), is(PaneTiming.ON_TIME));
      assertThat(r.service(), is("netra-backend-staging"));
    }
    List<String> expected = new ArrayList<>();
    for (SeedCluster c : SeedCluster.values()) {
      expected.add(c.priority + " " + c.perThousand);
    }
    List<String> got =
        rows.stream()
            .map(r -> r.priority() + " " + r.count())
            .sorted()
            .collect(Collectors.toList());
    expected.sort(null);
    assertThat(actual.toString(), got, equalTo(expected));

    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(1000L));
    assertThat(summary.get(GardenerCounters.ENTRIES_KEPT), is(125L));
    assertThat(rows.stream().mapToLong(r -> r.count()).sum(), is(125L));
  }

  @Test
  public void writesOneReportPerServiceAndWindowInRankOrder() throws Exception {
    List<Path> reports = files(sampleOut.resolve("reports"));
    assertThat(reports, hasSize(1));
    assertThat(reports.get(0).toString(), containsString("netra-backend-staging"));
    String md = Files.readString(reports.get(0));
    assertThat(md, containsString("netra-backend-staging"));
    assertThat(md, containsString("1,000"));
    int p0 = md.indexOf("P0");
    int p3 = md.lastIndexOf("P3");
    assertThat(p0 >= 0 && p3 > p0, is(true));
  }

  @Test
  public void countersAddUpOnTheSample() throws Exception {
    RunSummary s = sampleSummary;
    assertThat(s.get(GardenerCounters.ENTRIES_READ), is(s.accountedFor()));
    assertThat(deadLetters(sampleOut), is(empty()));
  }

  @Test
  public void generatorReproducesTheBundledSampleByteForByte() throws Exception {
    Path generated = tmp.getRoot().toPath().resolve("sample.json");
    dev.loggardener.pipeline.cli.GenerateCommand.run(
        new String[] {"--output=" + generated}, System.out, System.err);
    assertThat(Files.readString(generated), equalTo(Files.readString(SAMPLE)));
  }

  @Test
  public void sameInputGivesTheSameRowsTwice() throws Exception {
    Path a = sampleOut;
    Path b = tmp.newFolder("b").toPath();
    run(options(SAMPLE.toString(), b));
    assertThat(withoutEmittedAt(rows(a)), equalTo(withoutEmittedAt(rows(b))));
    assertThat(withoutEmittedAt(rows(a)), not(empty()));
  }

  static List<String> withoutEmittedAt(List<ClusterRow> rows) {
    return rows.stream()
        .map(r -> ClusterRowJson.toJson(r.toBuilder().emittedAt(null).runId("").build()))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void theMissingModuleIsTheRootOfTheMiddlewareExitAnd503ClustersOnTheSample()
      throws Exception {
    Map<String, ClusterRow> bySample = new TreeMap<>();
    for (ClusterRow r : rows(sampleOut)) {
      bySample.put(r.sampleMessage().split("\n")[0], r);
    }
    ClusterRow module = find(bySample, "Middleware setup failure details: ModuleNotFoundError");
    assertThat(module.rootCauseSignatureId(), is(module.signatureId()));
    assertThat(module.cascadeId().isEmpty(), is(false));
    for (String symptom :
        List.of(
            "CRITICAL: Enhanced middleware setup failed",
            "Container called exit(3)",
            "The request failed because either the HTTP response was malformed")) {
      ClusterRow r = find(bySample, symptom);
      assertThat(symptom, r.rootCauseSignatureId(), is(module.signatureId()));
      assertThat(symptom, r.cascadeId(), is(module.cascadeId()));
      assertThat(symptom, r.cascadeEvidence(), containsString("on the same instance"));
    }
    // Configuration warnings spread over the hour are linked to nothing.
    for (String alone : List.of("Sentry SDK not available", "SERVICE_ID contained whitespace")) {
      ClusterRow r = find(bySample, alone);
      assertThat(alone, r.cascadeId(), is(""));
      assertThat(alone, r.rootCauseSignatureId(), is(r.signatureId()));
    }
    // One export, one window: every signature is new.
    for (ClusterRow r : bySample.values()) {
      assertThat(r.status(), is(Status.NEW));
    }
    String md = Files.readString(files(sampleOut.resolve("reports")).get(0));
    assertThat(md, containsString("## Cascade analysis"));
    assertThat(md, containsString("- **Chain:** " + module.signatureId()));
    assertThat(md, containsString("- **Status:** NEW"));
  }

  private static ClusterRow find(Map<String, ClusterRow> bySample, String prefix) {
    return bySample.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cluster " + prefix + " in " + bySample.keySet()));
  }
}
