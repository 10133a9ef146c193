package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

/** Fingerprints force a named group (first match wins, within their scope); masks widen groups. */
public class RuleBasedSignerTest {
  private static final String STDERR = "run.googleapis.com/stderr";

  private static RuleBasedSigner signer(String yaml) {
    return new RuleBasedSigner(new Signer(), SignatureRulesParser.parse("rules.yaml", yaml));
  }

  @Test
  public void aMatchingFingerprintForcesTheNamedGroupWithAnIdFromTheNameOnly() {
    RuleBasedSigner s =
        signer("fingerprints:\n  - name: db-down\n    match: 'OperationalError|PoolTimeout'\n");
    Signature a = s.sign("orders-api", STDERR, "", "psycopg2.OperationalError: connection failed");
    Signature b =
        s.sign("billing", STDERR, "", "psycopg_pool.PoolTimeout: couldn't get a connection");
    assertThat(a.template(), is("rule:db-down"));
    assertThat(b, is(a));
    assertThat(a.id(), is(RuleBasedSigner.forcedSignature("db-down").id()));
    assertThat(RuleBasedSigner.isForced(a), is(true));
    assertThat(RuleBasedSigner.isForced(new Signer().sign("rule:db-down")), is(false));
  }

  @Test
  public void theFirstMatchingRuleWins() {
    RuleBasedSigner s =
        signer(
            "fingerprints:\n"
                + "  - name: specific\n    match: 'timeout after \\d+s'\n"
                + "  - name: general\n    match: timeout\n");
    assertThat(s.sign("timeout after 30s").template(), is("rule:specific"));
    assertThat(s.sign("read timeout").template(), is("rule:general"));
  }

  @Test
  public void serviceAndLogScopesLimitARule() {
    RuleBasedSigner s =
        signer(
            "fingerprints:\n"
                + "  - name: payments-only\n    match: mismatch\n    service: payments-worker\n"
                + "  - name: stderr-only\n    match: boom\n    log: run.googleapis.com/stderr\n");
    assertThat(
        s.sign("payments-worker", STDERR, "", "signature mismatch").template(),
        is("rule:payments-only"));
    assertThat(
        s.sign("orders-api", STDERR, "", "signature mismatch").template(),
        not("rule:payments-only"));
    assertThat(s.sign("orders-api", STDERR, "", "boom").template(), is("rule:stderr-only"));
    assertThat(
        s.sign("orders-api", "run.googleapis.com/stdout", "", "boom").template(),
        not("rule:stderr-only"));
    assertThat(
        "a bare message has no service",
        s.sign("signature mismatch").template(),
        not("rule:payments-only"));
  }

  @Test
  public void masksTurnTheirMatchesIntoWildcardsBeforeNormalization() {
    RuleBasedSigner s = signer("masks:\n  - name: tenant\n    match: 'tenant [a-z]+'\n");
    Signer plain = new Signer();
    String a = "quota exceeded for tenant acme";
    String b = "quota exceeded for tenant globex";
    assertThat(plain.sign(a), not(plain.sign(b)));
    assertThat(s.sign(a), is(s.sign(b)));
    assertThat(s.sign(a).template(), is("quota exceeded for <*>"));
  }

  @Test
  public void withoutRulesItSignsExactlyAsTheSigner() {
    RuleBasedSigner s = new RuleBasedSigner(new Signer(), SignatureRules.none());
    assertThat(
        s.sign("Container called exit(3)."), is(new Signer().sign("Container called exit(3).")));
  }
}
