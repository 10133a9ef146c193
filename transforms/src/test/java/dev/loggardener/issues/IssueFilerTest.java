package dev.loggardener.issues;

import static dev.loggardener.issues.IssueRows.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.time.Instant;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Idempotent filing against a loopback stand-in for GitHub's REST API. */
public class IssueFilerTest {
  private FakeGitHub github;
  private IssueFiler filer;
  private final IssueDrafter drafter = new IssueDrafter();

  @Before
  public void start() throws IOException {
    github = new FakeGitHub();
    filer = new IssueFiler(new GitHubIssueTracker(github.url(), "o/r", "t0ken", 3, 1, 0));
  }

  @After
  public void stop() {
    github.close();
  }

  @Test
  public void createsTheIssueOnceWithLabelsAndToken() throws IOException {
    assertThat(filer.file(drafter.draft(row().build())), is(IssueFiler.Outcome.CREATED));
    assertThat(github.issues, hasSize(1));
    assertThat(github.issues.get(0).path("labels").size(), is(3));
    assertThat(github.lastAuthorization, is("Bearer t0ken"));
  }

  @Test
  public void filingTheSameWindowTwiceDoesNothingMore() throws IOException {
    filer.file(drafter.draft(row().build()));
    assertThat(filer.file(drafter.draft(row().build())), is(IssueFiler.Outcome.ALREADY_REPORTED));
    assertThat(github.issues, hasSize(1));
    assertThat(github.comments.get(0), hasSize(0));
  }

  @Test
  public void aLaterWindowCommentsOnTheOpenIssueOnce() throws IOException {
    filer.file(drafter.draft(row().build()));
    IssueDraft later =
        drafter.draft(
            row()
                .windowStart(Instant.parse("2025-09-16T02:00:00Z"))
                .windowEnd(Instant.parse("2025-09-16T03:00:00Z"))
                .build());
    assertThat(filer.file(later), is(IssueFiler.Outcome.COMMENTED));
    assertThat(filer.file(later), is(IssueFiler.Outcome.ALREADY_REPORTED));
    assertThat(github.issues, hasSize(1));
    assertThat(github.comments.get(0), hasSize(1));
  }

  @Test
  public void transientServerErrorsAreRetried() throws IOException {
    github.failNext.set(2);
    assertThat(filer.file(drafter.draft(row().build())), is(IssueFiler.Outcome.CREATED));
    assertThat(github.issues, hasSize(1));
  }

  @Test
  public void persistentFailureSurfacesAsAnIoException() {
    github.failNext.set(100);
    assertThrows(IOException.class, () -> filer.file(drafter.draft(row().build())));
    assertThat(github.issues, hasSize(0));
  }

  @Test
  public void clientErrorsAreNotRetried() {
    github.failStatus = 422;
    github.failNext.set(1);
    assertThrows(IOException.class, () -> filer.file(drafter.draft(row().build())));
    assertThat(github.requests.get(), is(1));
  }

  @Test
  public void aTokenSourceIsSerializableAndSuppliesTheToken() {
    IssueFilingConfig config =
        IssueFilingConfig.draftsOnly().withTokenSource(() -> "from-secret-store");
    IssueFilingConfig copy = org.apache.beam.sdk.util.SerializableUtils.clone(config);
    assertThat(copy.tokenSource.token(), is("from-secret-store"));
  }
}
