package dev.loggardener.priority;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.loggardener.model.Severity;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

/** The policy file format: what rules can say, and how mistakes are reported. */
public class PriorityPolicyTest {

  private static PriorityPolicy policy(String yaml) {
    return PriorityPolicy.parse(yaml, "policy.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(PriorityPolicyException.class, () -> policy(yaml)).getMessage();
  }

  @Test
  public void firstMatchingRuleWins() {
    PriorityPolicy p =
        policy(
            "rules:\n"
                + "  - name: payments\n    priority: P1\n    service: 'payments-.*'\n"
                + "  - name: rest\n    priority: P3\n");
    assertThat(
        p.classify(ClusterFacts.of(Severity.WARNING, "x", "x", "payments-worker", 1, "")).level(),
        is("P1"));
    assertThat(
        p.classify(ClusterFacts.of(Severity.ERROR, "x", "x", "orders-api", 1, "")).level(),
        is("P3"));
  }

  @Test
  public void reasonNamesTheMatchAndTheFacts() {
    PriorityPolicy p =
        policy(
            "rules:\n  - name: db\n    priority: P1\n    reason: '{match} x{count} in {service} ({a_severity})'\n"
                + "    matches: ['connection refused']\n");
    Priority pr =
        p.classify(ClusterFacts.of(Severity.ERROR, "db: Connection refused", "", "api", 42, ""));
    assertThat(pr.reason(), is("P1: Connection refused x42 in api (an ERROR)"));
  }

  @Test
  public void minCountAndStatusAndExceptionTypeConditionsMustAllHold() {
    PriorityPolicy p =
        policy(
            "rules:\n  - name: loud-new-timeouts\n    priority: P0\n    min_count: 100\n"
                + "    status: [NEW, REGRESSION]\n    exception_type: 'Timeout'\n"
                + "  - name: rest\n    priority: P3\n");
    String sig = "psycopg_pool.PoolTimeout: couldn't get a connection after <*>";
    assertThat(
        p.classify(ClusterFacts.of(Severity.ERROR, sig, "", "api", 150, "NEW")).level(), is("P0"));
    assertThat(
        p.classify(ClusterFacts.of(Severity.ERROR, sig, "", "api", 99, "NEW")).level(), is("P3"));
    assertThat(
        p.classify(ClusterFacts.of(Severity.ERROR, sig, "", "api", 150, "ONGOING")).level(),
        is("P3"));
    assertThat(
        p.classify(ClusterFacts.of(Severity.ERROR, "ValueError: bad", "", "api", 150, "NEW"))
            .level(),
        is("P3"));
  }

  @Test
  public void noMatchingRuleGivesP3AndSaysSo() {
    Priority pr =
        policy("rules:\n  - name: only-errors\n    priority: P2\n    severity_at_least: ERROR\n")
            .classify(ClusterFacts.ofText(Severity.INFO, "x", "x"));
    assertThat(pr.level(), is("P3"));
    assertThat(pr.reason(), containsString("no rule of policy.yaml matched"));
  }

  @Test
  public void badRegexIsReportedWithFileLineAndRule() {
    String m =
        error(
            "version: 1\nrules:\n  - name: ok\n    priority: P3\n  - name: broken\n    priority: P1\n    matches: ['(unclosed']\n");
    assertThat(
        m, containsString("policy.yaml, line 5, rule broken: matches: bad regex '(unclosed'"));
  }

  @Test
  public void unknownKeyIsReportedWithTheKnownOnes() {
    String m = error("rules:\n  - name: typo\n    priority: P1\n    severity_atleast: ERROR\n");
    assertThat(m, containsString("line 2, rule typo: unknown key 'severity_atleast'"));
    assertThat(m, containsString("severity_at_least"));
  }

  @Test
  public void invalidPriorityAndSeverityAndStatusAreRejected() {
    assertThat(
        error("rules:\n  - name: a\n    priority: P9\n"),
        containsString("rule a: priority must be one of"));
    assertThat(
        error("rules:\n  - name: a\n    priority: P1\n    severity_at_least: LOUD\n"),
        containsString("'LOUD' is not a Cloud Logging severity"));
    assertThat(
        error("rules:\n  - name: a\n    priority: P1\n    status: [FRESH]\n"),
        containsString("'FRESH' is not one of"));
    assertThat(
        error("rules:\n  - name: a\n    priority: P1\n    min_count: -3\n"),
        containsString("min_count must be a positive"));
  }

  @Test
  public void rulesNeedUniqueNames() {
    assertThat(error("rules:\n  - priority: P1\n"), containsString("rule #1: a rule needs a name"));
    assertThat(
        error("rules:\n  - name: a\n    priority: P1\n  - name: a\n    priority: P2\n"),
        containsString("line 4, rule a: duplicate rule name"));
  }

  @Test
  public void emptyOrMalformedPoliciesAreRejected() {
    assertThat(error("rules: []\n"), containsString("the policy has no rules"));
    assertThat(error("- just a list\n"), containsString("expected a mapping"));
    assertThat(
        error("rules:\n  - name: a\n    priority: P1\nextra: 1\n"),
        containsString("unknown top-level key 'extra'"));
    assertThat(
        error("version: 2\nrules:\n  - name: a\n    priority: P1\n"),
        containsString("unsupported version"));
  }

  @Test
  public void bundledPolicySurvivesSerialization() {
    PriorityPolicy p = SerializableUtils.clone(PriorityPolicy.bundled());
    assertThat(
        p.classify(
                ClusterFacts.ofText(
                    Severity.WARNING, "Container called exit(<*>).", "Container called exit(3)."))
            .level(),
        is("P0"));
  }
}
