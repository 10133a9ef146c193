package dev.loggardener.issues;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue filing in a stage of its own: a rate limit asking to come back in an hour is retried from a
 * timer, with no thread asleep (before, the worker slept the hour, holding up the writes fused with
 * it); each (signature, window) is filed once, a repeated row makes no call at all; filing runs
 * after a reshuffle.
 */
public class FileIssuesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static ClusterRow row(String sig, String hour) {
    Instant start = Instant.parse("2025-09-16T" + hour + ":00:00Z");
    return ClusterRow.builder()
        .windowStart(start)
        .windowEnd(start.plusSeconds(3600))
        .service("svc")
        .resourceType("cloud_run_revision")
        .signatureId(sig)
        .signature("Boom " + sig)
        .sigVersion(1)
        .count(3)
        .severity("ERROR")
        .priority("P0")
        .firstSeen(start)
        .lastSeen(start.plusSeconds(600))
        .sampleMessage("Boom")
        .paneIndex(0)
        .paneTiming("ON_TIME")
        .isFinal(true)
        .emittedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .status("NEW")
        .build();
  }

  @Test(timeout = 120_000)
  public void aRateLimitAskingForAnHourIsRetriedFromATimerAndNothingSleeps() throws Exception {
    try (FakeGitHub github = new FakeGitHub()) {
      github.failStatus = 429;
      github.retryAfter = "3600";
      github.failNext.set(1);
      IssueFilingConfig config =
          new IssueFilingConfig("o/r", github.url(), "NO_SUCH_TOKEN_VAR", 4, 1000, 0);
      TestStream<ClusterRow> rows =
          TestStream.create(ClusterRowCoder.of())
              .addElements(row("a", "01"))
              .advanceProcessingTime(Duration.standardMinutes(30)) // too early: still waiting
              .advanceProcessingTime(Duration.standardMinutes(31)) // the hour has passed
              .advanceWatermarkToInfinity();
      p.apply(rows).apply("Issues", DraftAndFileIssues.with(config));
      long started = System.nanoTime();
      p.run().waitUntilFinish();
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertThat(github.issues.size(), is(1));
      assertThat("seconds of wall time", seconds, lessThan(60L));
    }
  }

  @Test
  public void eachSignatureAndWindowIsFiledOnceAndARepeatedRowMakesNoCall() throws Exception {
    try (FakeGitHub github = new FakeGitHub()) {
      IssueFilingConfig config =
          new IssueFilingConfig("o/r", github.url(), "NO_SUCH_TOKEN_VAR", 2, 1, 0);
      p.apply(
              Create.of(List.of(row("a", "01"), row("a", "01"), row("a", "02")))
                  .withCoder(ClusterRowCoder.of()))
          .apply("Issues", DraftAndFileIssues.with(config));
      List<String> steps = new ArrayList<>();
      p.traverseTopologically(
          new Pipeline.PipelineVisitor.Defaults() {
            @Override
            public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
              steps.add(node.getFullName());
              return CompositeBehavior.ENTER_TRANSFORM;
            }
          });
      p.run().waitUntilFinish();
      assertThat(steps, hasItem("Issues/FileIssues/Reshuffle"));
      assertThat(github.issues.size(), is(1));
      assertThat(github.comments.get(0).size(), is(1));
      // one window: list issues, create; the other: list issues, list comments, comment; the
      // repeated row: nothing
      assertThat(github.requests.get(), is(5));
    }
  }

  static final java.util.concurrent.atomic.AtomicInteger TOKEN_READS =
      new java.util.concurrent.atomic.AtomicInteger();

  @Test(timeout = 120_000)
  public void aTokenThatCannotBeReadAtFirstIsReadOnALaterAttempt() throws Exception {
    TOKEN_READS.set(0);
    try (FakeGitHub github = new FakeGitHub()) {
      github.acceptedToken = "t0ken";
      IssueFilingConfig config =
          new IssueFilingConfig("o/r", github.url(), "NO_SUCH_TOKEN_VAR", 4, 1000, 0)
              .withTokenSource(
                  () -> {
                    if (TOKEN_READS.incrementAndGet() == 1) {
                      throw new IllegalStateException("secret store unreachable");
                    }
                    return "t0ken";
                  });
      TestStream<ClusterRow> rows =
          TestStream.create(ClusterRowCoder.of())
              .addElements(row("a", "01"))
              .advanceProcessingTime(Duration.standardMinutes(1))
              .advanceWatermarkToInfinity();
      p.apply(rows).apply("Issues", DraftAndFileIssues.with(config));
      PipelineResult result = p.run();
      result.waitUntilFinish();
      assertThat(github.issues.size(), is(1));
      assertThat(counter(result, GardenerCounters.ISSUES_FILING_FAILED), is(0L));
    }
  }

  @Test(timeout = 120_000)
  public void filingsBeyondTheWorkersShareOfTheRateWaitWithoutUsingUpAttempts() throws Exception {
    try (FakeGitHub github = new FakeGitHub()) {
      // 120 filings a minute over two workers: one a second here. The second signature's draft
      // waits for its permit; with one attempt per draft, a wait counted as a failed attempt
      // would give it up.
      IssueFilingConfig config =
          new IssueFilingConfig("o/r", github.url(), "NO_SUCH_TOKEN_VAR", 1, 1000, 0)
              .withRateBound(120, 2);
      p.apply(Create.of(List.of(row("a", "01"), row("b", "01"))).withCoder(ClusterRowCoder.of()))
          .apply("Issues", DraftAndFileIssues.with(config));
      PipelineResult result = p.run();
      result.waitUntilFinish();
      assertThat(github.issues.size(), is(2));
      assertThat(github.requests.get(), is(4));
      assertThat(
          counter(result, GardenerCounters.ISSUES_FILING_THROTTLED), greaterThanOrEqualTo(1L));
      assertThat(counter(result, GardenerCounters.ISSUES_FILING_FAILED), is(0L));
    }
  }

  static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                org.apache.beam.sdk.metrics.MetricsFilter.builder()
                    .addNameFilter(
                        org.apache.beam.sdk.metrics.MetricNameFilter.named(
                            GardenerCounters.NAMESPACE, name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
