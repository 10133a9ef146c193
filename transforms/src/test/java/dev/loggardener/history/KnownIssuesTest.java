package dev.loggardener.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;

/** The registry reads CSV and YAML alike, and revision order is by generation number. */
public class KnownIssuesTest {
  @Test
  public void csvAndYamlDescribeTheSameRegistry() {
    KnownIssues csv =
        KnownIssues.parseCsv(
            "signature_id,tracker_url,status,resolved_revision\n"
                + "85e0d6bea60c4f4b,\"https://github.com/o/r/issues/12\",resolved,netra-backend-staging-00210-abc\n");
    KnownIssues yaml =
        KnownIssues.parseYaml(
            "# known issues\nissues:\n"
                + "  - signature_id: 85e0d6bea60c4f4b\n"
                + "    tracker_url: https://github.com/o/r/issues/12#top\n"
                + "    status: Resolved   # fixed in 00210\n"
                + "    resolved_revision: 'netra-backend-staging-00210-abc'\n");
    KnownIssue a = csv.lookup("any-service", "85e0d6bea60c4f4b");
    KnownIssue b = yaml.lookup("any-service", "85e0d6bea60c4f4b");
    assertThat(a.isResolved(), is(true));
    assertThat(b.isResolved(), is(true));
    assertThat(a.resolvedRevision, is(b.resolvedRevision));
    assertThat(b.trackerUrl, is("https://github.com/o/r/issues/12#top"));
    assertThat(csv.lookup("x", "other"), is(nullValue()));
  }

  @Test
  public void aServiceSpecificLineWinsOverAGeneralOne() {
    KnownIssues r =
        KnownIssues.parseCsv(
            "signature_id,service,tracker_url,status\ns1,,https://t/general,open\ns1,orders-api,https://t/orders,open\n");
    assertThat(r.lookup("orders-api", "s1").trackerUrl, is("https://t/orders"));
    assertThat(r.lookup("checkout-api", "s1").trackerUrl, is("https://t/general"));
  }

  @Test
  public void revisionsCompareByGenerationWithinOneService() {
    assertThat(RevisionOrder.isNewer("orders-api-00043-lup", "orders-api-00042-xog"), is(true));
    assertThat(RevisionOrder.isNewer("orders-api-00041-aaa", "orders-api-00042-xog"), is(false));
    assertThat(RevisionOrder.isNewer("orders-api-00042-xog", "orders-api-00042-xog"), is(false));
    // Different services: unknown order, never a regression.
    assertThat(RevisionOrder.isNewer("checkout-api-00099-zzz", "orders-api-00042-xog"), is(false));
  }
}
