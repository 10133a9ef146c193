package dev.loggardener.pipeline;

import static dev.loggardener.pipeline.BadInputTest.entry;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.options;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.rows;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.run;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.signature.RuleBasedSigner;
import dev.loggardener.signature.SignatureRulesException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code --signatureRules} end to end on the DirectRunner: a fingerprint rule forces two
 * differently worded messages into one named group whose sample is a real message, an ignore rule
 * filters known noise and counts it, and the counters still add up. A broken rules file stops the
 * pipeline before it runs, naming the line.
 */
public class SignatureRulesEndToEndTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path out;
  private static RunSummary summary;

  @BeforeClass
  public static void runWithRules() throws Exception {
    Path rules = TMP.newFile("rules.yaml").toPath();
    Files.writeString(
        rules,
        String.join(
            "\n",
            "fingerprints:",
            "  - name: orders-db-unavailable",
            "    match: 'OperationalError|PoolTimeout'",
            "    service: orders-api",
            "ignore:",
            "  - name: retry-noise",
            "    match: '^Retrying request to '",
            ""));
    Path in = TMP.newFile("export.ndjson").toPath();
    Files.writeString(
        in,
        String.join(
            "\n",
            entry(
                "db-1",
                "ERROR",
                "psycopg2.OperationalError: connection to server at \"10.8.0.3\" failed"),
            entry(
                "db-2",
                "ERROR",
                "psycopg_pool.PoolTimeout: couldn't get a connection after 30.00 sec"),
            entry("retry", "WARNING", "Retrying request to orders-api"),
            entry("other", "ERROR", "Payment provider returned 502"),
            entry("debug", "DEBUG", "Retrying request to orders-api"),
            ""));
    out = TMP.newFolder("out").toPath();
    LogGardenerOptions o = options(in.toString(), out);
    o.setSignatureRules(rules.toString());
    summary = run(o);
  }

  @Test
  public void aFingerprintRuleForcesOneNamedGroupAndKeepsTheRealMessageAsSample() throws Exception {
    List<ClusterRow> forced =
        rows(out).stream()
            .filter(r -> r.signature().startsWith("rule:"))
            .collect(Collectors.toList());
    assertThat(forced, hasSize(1));
    ClusterRow r = forced.get(0);
    assertThat(r.signature(), is("rule:orders-db-unavailable"));
    assertThat(r.signatureId(), is(RuleBasedSigner.forcedSignature("orders-db-unavailable").id()));
    assertThat(r.count(), is(2L));
    assertThat(r.sampleMessage(), containsString("psycopg2.OperationalError"));
    assertThat(summary.get(GardenerCounters.ENTRIES_FINGERPRINTED_BY_RULE), is(2L));
  }

  @Test
  public void anIgnoreRuleFiltersKnownNoiseAndCountsIt() throws Exception {
    for (ClusterRow r : rows(out)) {
      assertThat(r.sampleMessage(), not(containsString("Retrying request")));
    }
    assertThat(rows(out), hasSize(2));
    // The DEBUG copy is below the threshold: filtered by severity, not by the rule.
    assertThat(summary.get(GardenerCounters.ENTRIES_FILTERED_BY_RULE), is(1L));
    assertThat(summary.get(GardenerCounters.ENTRIES_FILTERED), is(1L));
  }

  @Test
  public void theCountersStillAddUp() {
    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(5L));
    assertThat(summary.get(GardenerCounters.ENTRIES_READ), is(summary.accountedFor()));
  }

  @Test
  public void aBrokenRulesFileStopsThePipelineAtConstructionNamingTheLine() throws Exception {
    Path bad = TMP.newFile("bad.yaml").toPath();
    Files.writeString(bad, "ignore:\n  - name: x\n    match: '(unclosed'\n");
    LogGardenerOptions o =
        options(LogGardenerPipelineTest.SAMPLE.toString(), TMP.newFolder("unused").toPath());
    o.setSignatureRules(bad.toString());
    SignatureRulesException e =
        assertThrows(
            SignatureRulesException.class, () -> LogGardenerPipeline.build(Pipeline.create(o), o));
    assertThat(e.getMessage(), containsString("bad.yaml:3: bad regex in rule 'x'"));
  }

  @Test
  public void theExampleRulesFileIsValid() {
    Path example = Paths.get("..", "templates", "signature-rules.example.yaml");
    assertThat(
        dev.loggardener.signature.SignatureRulesFile.read(example.toString()).isEmpty(), is(false));
  }
}
