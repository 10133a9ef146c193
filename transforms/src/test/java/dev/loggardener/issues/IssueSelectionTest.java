package dev.loggardener.issues;

import static dev.loggardener.issues.IssueRows.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class IssueSelectionTest {

  @Test
  public void newP0RootOnItsOnTimePaneNeedsAnIssue() {
    assertThat(IssueSelection.needsIssue(row().build()), is(true));
  }

  @Test
  public void regressionAndSpikeNeedOneToo() {
    assertThat(IssueSelection.needsIssue(row().status("REGRESSION").build()), is(true));
    assertThat(IssueSelection.needsIssue(row().status("SPIKE").priority("P1").build()), is(true));
  }

  @Test
  public void ongoingOrUnknownStatusDoesNot() {
    assertThat(IssueSelection.needsIssue(row().status("ONGOING").build()), is(false));
    assertThat(IssueSelection.needsIssue(row().status("").build()), is(false));
  }

  @Test
  public void p2AndP3DoNot() {
    assertThat(IssueSelection.needsIssue(row().priority("P2").build()), is(false));
    assertThat(IssueSelection.needsIssue(row().priority("P3").build()), is(false));
  }

  @Test
  public void aCascadeSymptomDoesNotItsRootDoes() {
    assertThat(
        IssueSelection.needsIssue(row().rootCauseSignatureId("someotherroot").build()), is(false));
    assertThat(IssueSelection.needsIssue(row().rootCauseSignatureId("").build()), is(true));
  }

  @Test
  public void onlyOnePanePerWindowActs() {
    assertThat(
        IssueSelection.needsIssue(row().paneTiming("EARLY").paneIndex(0).isFinal(false).build()),
        is(false));
    assertThat(IssueSelection.needsIssue(row().paneTiming("LATE").paneIndex(2).build()), is(false));
    assertThat(IssueSelection.needsIssue(row().paneTiming("LATE").paneIndex(0).build()), is(true));
  }
}
