package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** The rules file format, and an error naming file, line and problem for every mistake. */
public class SignatureRulesParserTest {
  private static SignatureRules parse(String yaml) {
    return SignatureRulesParser.parse("rules.yaml", yaml);
  }

  private static SignatureRulesException failure(String yaml) {
    return assertThrows(SignatureRulesException.class, () -> parse(yaml));
  }

  private static final String FULL =
      String.join(
          "\n",
          "# comments are fine",
          "fingerprints:",
          "  - name: stripe-signature",
          "    match: 'Stripe webhook signature mismatch'",
          "    service: payments-worker",
          "  - name: pool-timeout",
          "    match: \"PoolTimeout|couldn't get a connection\"",
          "    log: run.googleapis.com/stderr",
          "masks:",
          "  - name: order-ids",
          "    match: 'ord_[A-Za-z0-9]+'",
          "ignore:",
          "  - name: healthz",
          "    match: '^GET /healthz '",
          "    service: orders-api",
          "");

  @Test
  public void parsesEverySectionInFileOrderWithScopes() {
    SignatureRules rules = parse(FULL);
    assertThat(rules.fingerprints().size(), is(2));
    SignatureRule first = rules.fingerprints().get(0);
    assertThat(first.name(), is("stripe-signature"));
    assertThat(first.service(), is("payments-worker"));
    assertThat(first.log(), nullValue());
    assertThat(first.line(), is(3));
    assertThat(rules.fingerprints().get(1).log(), is("run.googleapis.com/stderr"));
    assertThat(rules.masks().get(0).match().pattern(), is("ord_[A-Za-z0-9]+"));
    assertThat(rules.ignores().get(0).service(), is("orders-api"));
    assertThat(rules.source(), is("rules.yaml"));
  }

  @Test
  public void anEmptyFileOrEmptySectionsMeanNoRules() {
    assertThat(parse("").isEmpty(), is(true));
    assertThat(parse("# nothing yet\n").isEmpty(), is(true));
    assertThat(parse("fingerprints:\nmasks: []\n").isEmpty(), is(true));
  }

  @Test
  public void aBadRegexNamesItsLineAndTheProblem() {
    SignatureRulesException e =
        failure("fingerprints:\n  - name: broken\n    match: 'timeout (after'\n");
    assertThat(e.line(), is(3));
    assertThat(e.getMessage(), containsString("rules.yaml:3: bad regex in rule 'broken'"));
    assertThat(e.getMessage(), containsString("Unclosed group"));
  }

  @Test
  public void anUnknownTopLevelKeyIsRejected() {
    SignatureRulesException e = failure("fingerprints: []\nfingerprint_rules:\n  - name: x\n");
    assertThat(e.line(), is(2));
    assertThat(e.getMessage(), containsString("unknown key 'fingerprint_rules'"));
  }

  @Test
  public void anUnknownRuleKeyIsRejected() {
    SignatureRulesException e =
        failure("ignore:\n  - name: healthz\n    match: healthz\n    servce: orders-api\n");
    assertThat(e.line(), is(4));
    assertThat(e.getMessage(), containsString("unknown key 'servce'"));
  }

  @Test
  public void aRuleWithoutANameIsRejectedAtTheRulesLine() {
    SignatureRulesException e =
        failure("masks:\n  - name: a\n    match: x\n  - match: 'ord_\\w+'\n");
    assertThat(e.line(), is(4));
    assertThat(e.getMessage(), containsString("has no name"));
  }

  @Test
  public void aDuplicateNameIsRejectedAcrossSections() {
    SignatureRulesException e =
        failure(
            "fingerprints:\n  - name: noise\n    match: a\nignore:\n  - name: noise\n    match: b\n");
    assertThat(e.line(), is(5));
    assertThat(
        e.getMessage(), containsString("duplicate rule name 'noise' (first used on line 2)"));
  }

  @Test
  public void aRuleWithoutAPatternIsRejected() {
    SignatureRulesException e = failure("ignore:\n  - name: everything\n    service: orders-api\n");
    assertThat(e.line(), is(2));
    assertThat(e.getMessage(), containsString("has no 'match'"));
  }

  @Test
  public void structuralMistakesAreRejected() {
    assertThat(failure("- name: x\n").getMessage(), containsString("must be a mapping"));
    assertThat(
        failure("fingerprints:\n  name: x\n").getMessage(), containsString("must be a list"));
    assertThat(
        failure("masks:\n  - 'ord_\\w+'\n").getMessage(), containsString("must be a mapping"));
    assertThat(
        failure("masks:\n  - name: [a, b]\n").getMessage(), containsString("single text value"));
    assertThat(
        failure("masks:\n  - name: 'has space'\n    match: x\n").getMessage(),
        containsString("may use only letters"));
  }

  @Test
  public void invalidYamlNamesItsLine() {
    SignatureRulesException e = failure("fingerprints:\n  - name: x\n    match: 'unterminated\n");
    assertThat(e.getMessage(), containsString("rules.yaml:"));
    assertThat(e.getMessage(), containsString("not valid YAML"));
  }
}
