package dev.loggardener.issues;

import static dev.loggardener.issues.IssueRows.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * How the pipeline's tracker (one attempt per call, never sleeping) treats tokens and GitHub's rate
 * limits, against a loopback stand-in for GitHub; and the per-worker filing budget.
 */
public class GitHubIssueTrackerTest {
  private FakeGitHub github;
  private final IssueDrafter drafter = new IssueDrafter();

  @Before
  public void start() throws IOException {
    github = new FakeGitHub();
  }

  @After
  public void stop() {
    github.close();
  }

  private IssueFiler filer(TokenSource tokens) {
    return new IssueFiler(
        GitHubIssueTracker.nonBlocking(github.url(), "o/r", new LazyToken(tokens)));
  }

  private IOException fileFails() {
    return assertThrows(
        IOException.class, () -> filer(() -> "t").file(drafter.draft(row().build())));
  }

  @Test
  public void theTokenIsReadOnTheFirstCallNotWhenTheTrackerIsMade() throws IOException {
    AtomicInteger reads = new AtomicInteger();
    IssueFiler filer = filer(() -> "t" + reads.incrementAndGet());
    assertThat(reads.get(), is(0));
    filer.file(drafter.draft(row().build()));
    assertThat(reads.get(), is(1));
    assertThat(github.lastAuthorization, is("Bearer t1"));
  }

  @Test
  public void aTokenSourceThatFailsIsRetriedLaterAndThenUsed() throws IOException {
    AtomicInteger reads = new AtomicInteger();
    IssueFiler filer =
        filer(
            () -> {
              if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("secret store unreachable");
              }
              return "t0ken";
            });
    IOException first =
        assertThrows(IOException.class, () -> filer.file(drafter.draft(row().build())));
    assertThat(first, instanceOf(RetryLaterException.class));
    assertThat(github.requests.get(), is(0));
    assertThat(filer.file(drafter.draft(row().build())), is(IssueFiler.Outcome.CREATED));
    assertThat(github.lastAuthorization, is("Bearer t0ken"));
  }

  @Test
  public void aRejectedTokenIsReadAgainOnceAndTheCallRepeated() throws IOException {
    github.acceptedToken = "rotated";
    AtomicInteger reads = new AtomicInteger();
    IssueFiler filer = filer(() -> reads.incrementAndGet() == 1 ? "revoked" : "rotated");
    assertThat(filer.file(drafter.draft(row().build())), is(IssueFiler.Outcome.CREATED));
    assertThat(reads.get(), is(2));
  }

  @Test
  public void aTokenRejectedAgainAfterRereadingFailsWithoutRetrying() {
    github.acceptedToken = "right";
    IOException e = fileFails();
    assertThat(e, not(instanceOf(RetryLaterException.class)));
    assertThat(github.requests.get(), is(2));
  }

  @Test
  public void aSecondaryRateLimit403WithRetryAfterIsRetriedWhenAsked() {
    github.failStatus = 403;
    github.retryAfter = "30";
    github.failNext.set(1);
    IOException e = fileFails();
    assertThat(e, instanceOf(RetryLaterException.class));
    assertThat(((RetryLaterException) e).retryAfterMillis, is(30_000L));
  }

  @Test
  public void aSecondaryRateLimit403WithoutRetryAfterWaitsAMinute() {
    github.failStatus = 403;
    github.failBody =
        "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}";
    github.failNext.set(1);
    IOException e = fileFails();
    assertThat(((RetryLaterException) e).retryAfterMillis, is(60_000L));
  }

  @Test
  public void aSpentPrimaryLimitIsRetriedAtItsReset() {
    github.failStatus = 403;
    github.failHeaders.put("x-ratelimit-remaining", "0");
    github.failHeaders.put(
        "x-ratelimit-reset", Long.toString(System.currentTimeMillis() / 1000 + 600));
    github.failNext.set(1);
    long wait = ((RetryLaterException) fileFails()).retryAfterMillis;
    assertThat(wait > 590_000L && wait <= 600_000L, is(true));
  }

  @Test
  public void a429WithoutAnyHeaderIsRetriedLater() {
    github.failStatus = 429;
    github.failNext.set(1);
    assertThat(fileFails(), instanceOf(RetryLaterException.class));
  }

  @Test
  public void aForbiddenAnswerThatIsNoRateLimitIsPermanent() {
    github.failStatus = 403;
    github.failBody = "{\"message\":\"Resource not accessible by integration\"}";
    github.failNext.set(1);
    assertThat(fileFails(), not(instanceOf(RetryLaterException.class)));
  }

  @Test
  public void aBudgetSaysHowLongUntilItsNextPermitAndRefillsOnlyUpToItsBurst() {
    long t0 = 1_000_000_000L;
    CallBudget budget = new CallBudget(60, 2, t0); // one a second, two at once
    assertThat(budget.tryAcquire(t0), is(0L));
    assertThat(budget.tryAcquire(t0), is(0L));
    assertThat(budget.tryAcquire(t0), is(1000L));
    assertThat(budget.tryAcquire(t0 + 500_000_000L), is(500L));
    assertThat(budget.tryAcquire(t0 + 1_000_000_000L), is(0L));
    // an idle hour refills the burst, not an hour's worth of calls
    long later = t0 + 3_600_000_000_000L;
    assertThat(budget.tryAcquire(later), is(0L));
    assertThat(budget.tryAcquire(later), is(0L));
    assertThat(budget.tryAcquire(later), not(0L));
  }

  @Test
  public void theGlobalRateIsSharedAmongTheWorkers() {
    IssueFilingConfig config =
        new IssueFilingConfig("o/r", "https://api.github.com", "T", 4, 1000, 0)
            .withRateBound(30, 10);
    assertThat(config.perWorkerFilingsPerMinute(), is(3.0));
  }
}
