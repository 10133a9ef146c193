package dev.loggardener.pipeline;

import static dev.loggardener.pipeline.LogGardenerPipelineTest.files;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.options;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.rows;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.run;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.pipeline.cli.GenerateCommand;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A window with hundreds of clusters, end to end on the DirectRunner with {@code
 * --reportMaxClusters=20}: the report lists 20 and counts the others, while the cluster rows still
 * hold every cluster.
 */
public class ManyClustersReportTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path in;
  private static List<ClusterRow> rows;
  private static String report;

  @BeforeClass
  public static void runOnManyClusters() throws Exception {
    in = TMP.getRoot().toPath().resolve("many.ndjson");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int rc =
        GenerateCommand.run(
            new String[] {
              "--output=" + in,
              "--entries=4000",
              "--signatures=500",
              "--errorRatio=1.0",
              "--format=ndjson"
            },
            quiet,
            quiet);
    if (rc != 0) {
      throw new IllegalStateException("generate failed: " + rc);
    }
    Path out = TMP.newFolder("out").toPath();
    LogGardenerOptions o = options(in.toString(), out);
    o.setReportMaxClusters(20);
    // The generator's tail templates share a few shapes, which grouping would fold into a
    // handful of groups; this test is about a window with hundreds of clusters.
    o.setGroupSignatures(false);
    run(o);
    rows = rows(out);
    List<Path> reports = files(out.resolve("reports"));
    assertThat(reports, hasSize(1));
    report = Files.readString(reports.get(0));
  }

  @Test
  public void theWindowHasHundredsOfClusters() {
    assertThat(rows.size(), greaterThan(400));
  }

  @Test
  public void theReportListsTwentyAndCountsTheRest() {
    long listed =
        Arrays.stream(report.split("\n")).filter(l -> l.matches("^\\| \\d+ \\|.*")).count();
    long sections =
        Arrays.stream(report.split("\n")).filter(l -> l.startsWith("## Cluster ")).count();
    assertThat(listed, org.hamcrest.Matchers.is(20L));
    assertThat(sections, org.hamcrest.Matchers.is(20L));
    assertThat(report, containsString("- **Clusters:** " + number(rows.size()) + "\n"));
    long kept = rows.stream().mapToLong(r -> r.count()).sum();
    assertThat(report, containsString("- **Errors/warnings kept:** " + number(kept) + "\n"));
    assertThat(report, containsString("… and " + number(rows.size() - 20) + " more clusters ("));
    assertThat(report, containsString("— query the cluster table for all of them"));
  }

  /** With grouping (the default), the tail's shapes become a few groups holding every entry. */
  @Test
  public void groupingFoldsTheTailIntoFewGroupsKeepingEveryEntry() throws Exception {
    Path out = TMP.newFolder("grouped").toPath();
    run(options(in.toString(), out));
    List<ClusterRow> grouped = rows(out);
    assertThat(grouped.size(), lessThan(rows.size() / 10));
    assertThat(
        grouped.stream().mapToLong(r -> r.count()).sum(),
        org.hamcrest.Matchers.is(rows.stream().mapToLong(r -> r.count()).sum()));
    assertThat(
        grouped.stream().filter(r -> r.groupMemberIds().size() > 1).count(), greaterThan(0L));
  }

  @Test
  public void theReportStaysSmall() {
    // Twenty cluster sections with samples (at most 4,000 characters each) plus the cascade
    // section, which covers the whole window but at most --cascadeMaxClusters (200) clusters:
    // about 70 KB here, and no more with 10,000 clusters. Uncapped, every one of ~500 clusters
    // would have its own section.
    assertThat(report.length(), lessThan(128 * 1024));
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
