package dev.loggardener.issues;

import static dev.loggardener.issues.IssueRows.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

public class IssueDrafterTest {
  private final IssueDrafter drafter = new IssueDrafter();

  @Test
  public void titleFollowsTheWorklogConvention() {
    assertThat(
        drafter.draft(row().build()).title,
        is(
            "GCP-new | P0 | netra-backend-staging: Middleware setup failure details: ModuleNotFoundError: No module named '<*>'"));
    assertThat(
        drafter.draft(row().status("REGRESSION").build()).title,
        containsString("GCP-regression | P0 |"));
  }

  @Test
  public void bodyCarriesCountsSampleLinkAndHiddenMarkers() {
    IssueDraft d = drafter.draft(row().build());
    assertThat(
        d.body,
        containsString("<!-- log-gardener:signature=netra-backend-staging/85e0d6bea60c4f4b -->"));
    assertThat(
        d.body,
        containsString(
            "<!-- log-gardener:window=netra-backend-staging/85e0d6bea60c4f4b/2025-09-16T01:00:00.000000Z -->"));
    assertThat(d.body, containsString("**Count:** 45 entries"));
    assertThat(d.body, containsString("```text\nMiddleware setup failure details"));
    assertThat(d.body, containsString("https://console.cloud.google.com/logs/query;query="));
    assertThat(d.body, containsString("?project=netra-staging"));
    assertThat(d.labels, hasItems("log-gardener", "P0", "new"));
  }

  @Test
  public void symptomsNameTheirRoot() {
    assertThat(
        drafter.draft(row().rootCauseSignatureId("aaaaaaaaaaaaaaaa").build()).body,
        containsString("symptom of signature aaaaaaaaaaaaaaaa"));
  }

  @Test
  public void hostileLogTextCannotInjectLinksOrBreakTheSampleBlock() {
    IssueDraft d =
        drafter.draft(
            row()
                .service("evil](http://x.example)")
                .sampleMessage("```\n[click](http://evil.example) <script>alert(1)</script>")
                .build());
    assertThat(d.body, not(containsString("](http://x.example)")));
    assertThat(d.body, containsString("````text\n```\n[click](http://evil.example) <script>"));
    assertThat(d.body, not(containsString("<script>alert(1)</script>\n````\n\n[click]")));
  }
}
