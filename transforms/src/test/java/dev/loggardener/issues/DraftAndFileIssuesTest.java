package dev.loggardener.issues;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Keys;
import org.junit.Rule;
import org.junit.Test;

/** In a pipeline: drafts come out for the rows that need one; a filing failure never fails it. */
public class DraftAndFileIssuesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static ClusterRow row(String sig, String priority, String status) {
    return ClusterRow.builder()
        .windowStart(Instant.parse("2025-09-16T01:00:00Z"))
        .windowEnd(Instant.parse("2025-09-16T02:00:00Z"))
        .service("svc")
        .resourceType("cloud_run_revision")
        .signatureId(sig)
        .signature("Boom " + sig)
        .sigVersion(1)
        .count(3)
        .severity("ERROR")
        .priority(priority)
        .firstSeen(Instant.parse("2025-09-16T01:00:00Z"))
        .lastSeen(Instant.parse("2025-09-16T01:10:00Z"))
        .sampleMessage("Boom")
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .emittedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .status(status)
        .build();
  }

  @Test
  public void draftsOnlyTheRowsThatNeedAnIssueAndSurvivesAnUnreachableTracker() throws IOException {
    // Nothing listens on the port once the server is stopped; where connecting there is not
    // refused but left unanswered, the call gives up after the configured timeout.
    com.sun.net.httpserver.HttpServer s =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int port = s.getAddress().getPort();
    s.stop(0);
    IssueFilingConfig config =
        new IssueFilingConfig("o/r", "http://127.0.0.1:" + port, "NO_SUCH_TOKEN_VAR", 2, 1, 0)
            .withTimeout(java.time.Duration.ofSeconds(1));
    List<ClusterRow> rows =
        List.of(row("a", "P0", "NEW"), row("b", "P2", "NEW"), row("c", "P1", "ONGOING"));
    PAssert.that(
            p.apply(Create.of(rows).withCoder(ClusterRowCoder.of()))
                .apply(DraftAndFileIssues.with(config))
                .apply(Keys.create()))
        .containsInAnyOrder("svc/20250916T0100Z_a.md");
    PipelineResult r = p.run();
    r.waitUntilFinish();
    long failed = 0;
    for (MetricResult<Long> c :
        r.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(
                            GardenerCounters.NAMESPACE, GardenerCounters.ISSUES_FILING_FAILED))
                    .build())
            .getCounters()) {
      failed += c.getAttempted();
    }
    assertThat(failed, is(1L));
  }

  @Test
  public void runningTheSameRowsTwiceFilesOneIssue() throws Exception {
    try (FakeGitHub github = new FakeGitHub()) {
      IssueFilingConfig config =
          new IssueFilingConfig("o/r", github.url(), "NO_SUCH_TOKEN_VAR", 2, 1, 0);
      List<ClusterRow> rows = List.of(row("a", "P0", "NEW"), row("b", "P1", "REGRESSION"));
      for (int run = 1; run <= 2; run++) {
        TestPipeline q = TestPipeline.create().enableAbandonedNodeEnforcement(false);
        q.apply("Rows", Create.of(rows).withCoder(ClusterRowCoder.of()))
            .apply("Issues", DraftAndFileIssues.with(config));
        q.run().waitUntilFinish();
      }
      assertThat(github.issues.size(), is(2));
      assertThat(github.comments.get(0).size(), is(0));
      assertThat(github.comments.get(1).size(), is(0));
    }
  }
}
