package dev.loggardener.cascade;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.loggardener.cluster.ClusterRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/** What links clusters into a cascade, what does not, and which cluster is the root. */
public class CascadeDetectorTest {
  private final CascadeDetector detector = new CascadeDetector(120, 200);

  private static Map<String, ClusterRow> bySignature(CascadeDetector.Result r) {
    Map<String, ClusterRow> m = new HashMap<>();
    r.rows.forEach(row -> m.put(row.signatureId(), row));
    return m;
  }

  /** The seed worklog's chain: restart cycles, each on one instance, seven minutes apart. */
  private static Cascades seedLike() {
    Cascades w = new Cascades();
    Cascades.Builder module =
        w.cluster(
                "backend",
                "module",
                "Middleware setup failure details: ModuleNotFoundError: No module named '…'")
            .sample(
                "Middleware setup failure details: ModuleNotFoundError: No module named 'netra_backend.app.services.monitoring'");
    Cascades.Builder middleware =
        w.cluster(
                "backend",
                "middleware",
                "CRITICAL: Enhanced middleware setup failed: No module named '…'")
            .sample(
                "CRITICAL: Enhanced middleware setup failed: No module named 'netra_backend.app.services.monitoring'");
    Cascades.Builder exit = w.cluster("backend", "exit", "Container called exit(<*>).");
    Cascades.Builder http =
        w.cluster(
            "backend",
            "http503",
            "The request failed because either the HTTP response was malformed");
    for (int k = 0; k < 8; k++) {
      String instance = "instance-" + (k % 4);
      double s = 60 + k * 420;
      for (int i = 0; i < 5; i++) {
        module.at(s + i * 0.2, instance);
      }
      middleware.at(s + 1.8, instance);
      exit.at(s + 4.5, instance);
      http.at(s + 9, instance).at(s + 20, instance);
    }
    return w;
  }

  @Test
  public void theMissingModuleIsTheRootOfMiddlewareExitAnd503() {
    CascadeDetector.Result r = detector.detect(Cascades.HOUR, seedLike().candidates());
    Map<String, ClusterRow> rows = bySignature(r);
    String cascade = rows.get("module").cascadeId();
    assertThat(cascade, startsWith("cas-"));
    for (String sig : List.of("module", "middleware", "exit", "http503")) {
      assertThat(sig, rows.get(sig).rootCauseSignatureId(), is("module"));
      assertThat(sig, rows.get(sig).cascadeId(), is(cascade));
    }
    assertThat(rows.get("module").cascadeParentSignatureId(), is(""));
    // Immediate causes: the closest consistent predecessor.
    assertThat(rows.get("middleware").cascadeParentSignatureId(), is("module"));
    assertThat(rows.get("exit").cascadeParentSignatureId(), is("middleware"));
    assertThat(rows.get("http503").cascadeParentSignatureId(), is("exit"));
    assertThat(
        rows.get("middleware").cascadeEvidence(),
        containsString("8 of 8 sampled entries within 120 s after it on the same instance"));
    assertThat(
        rows.get("middleware").cascadeEvidence(),
        containsString("shared token netra_backend.app.services.monitoring"));
  }

  /** Examples E3 to E6 of the notes, repeated over four OOM crashes. */
  @Test
  public void oomExit503AndACrossServiceRetrySharingTheTraceFormOneCascade() {
    Cascades w = new Cascades();
    Cascades.Builder oom =
        w.cluster("orders-api", "oom", "Memory limit of <*> exceeded with <*> used.");
    Cascades.Builder exit = w.cluster("orders-api", "exit", "Container called exit(<*>).");
    Cascades.Builder http =
        w.cluster(
            "orders-api",
            "http503",
            "The request failed because either the HTTP response was malformed");
    Cascades.Builder retry =
        w.cluster(
            "checkout-api", "retry", "orders-api returned <*> for GET /v1/orders/<*>; retrying");
    for (int k = 0; k < 4; k++) {
      String instance = "orders-instance-" + k;
      double s = 190 + k * 600;
      oom.at(s, instance);
      exit.at(s + 12.1, instance);
      for (int j = 0; j < 2; j++) {
        String trace = "projects/acme-prod/traces/t" + k + j;
        http.at(s + 13 + j, instance, trace);
        retry.at(s + 13.03 + j, "checkout-instance-" + (k % 2), trace);
      }
    }
    Map<String, ClusterRow> rows = bySignature(detector.detect(Cascades.HOUR, w.candidates()));
    for (String sig : List.of("oom", "exit", "http503", "retry")) {
      assertThat(sig, rows.get(sig).rootCauseSignatureId(), is("oom"));
      assertThat(sig, rows.get(sig).cascadeId(), is(rows.get("oom").cascadeId()));
    }
    assertThat(rows.get("retry").cascadeParentSignatureId(), is("http503"));
    assertThat(rows.get("retry").cascadeEvidence(), containsString("follows orders-api/http503"));
    assertThat(rows.get("retry").cascadeEvidence(), containsString("8 shared traces"));
  }

  @Test
  public void clustersThatOnlyHappenInTheSameHourAreNotLinked() {
    Cascades w = new Cascades();
    Cascades.Builder sentry = w.cluster("backend", "sentry", "Sentry SDK not available");
    Cascades.Builder serviceId =
        w.cluster("backend", "serviceid", "SERVICE_ID contained whitespace");
    Random rnd = new Random(7);
    for (int i = 0; i < 15; i++) {
      sentry.at(rnd.nextDouble() * 3600, "instance-" + rnd.nextInt(4));
      serviceId.at(rnd.nextDouble() * 3600, "instance-" + rnd.nextInt(4));
    }
    for (ClusterRow row : detector.detect(Cascades.HOUR, w.candidates()).rows) {
      assertThat(row.cascadeId(), is(""));
      assertThat(row.rootCauseSignatureId(), is(row.signatureId()));
      assertThat(row.cascadeEvidence(), is(""));
    }
  }

  @Test
  public void theOutcomeDoesNotDependOnInputOrder() {
    List<CascadeDetector.Candidate> in = seedLike().candidates();
    List<ClusterRow> expected = sorted(detector.detect(Cascades.HOUR, in).rows);
    for (long seed = 1; seed <= 5; seed++) {
      List<CascadeDetector.Candidate> shuffled = new ArrayList<>(in);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(sorted(detector.detect(Cascades.HOUR, shuffled).rows), is(expected));
    }
  }

  @Test
  public void aboveTheCapTheBiggestClustersAreAnalysedAndTheRestSayWhy() {
    CascadeDetector small = new CascadeDetector(120, 2);
    CascadeDetector.Result r = small.detect(Cascades.HOUR, seedLike().candidates());
    assertThat(r.overCap, is(2));
    Map<String, ClusterRow> rows = bySignature(r);
    // module (40 entries) and http503 (16) are the biggest.
    assertThat(rows.get("module").rootCauseSignatureId(), is("module"));
    assertThat(rows.get("http503").rootCauseSignatureId(), is("module"));
    assertThat(rows.get("exit").rootCauseSignatureId(), is(""));
    assertThat(
        rows.get("exit").cascadeEvidence(), containsString("more than the cascade cap of 2"));
    assertThat(rows.get("middleware").cascadeId(), is(""));
  }

  @Test
  public void theCascadeIdIsStableAndDependsOnRootAndWindow() {
    Map<String, ClusterRow> a =
        bySignature(detector.detect(Cascades.HOUR, seedLike().candidates()));
    Map<String, ClusterRow> b =
        bySignature(detector.detect(Cascades.HOUR, seedLike().candidates()));
    assertThat(a.get("exit").cascadeId(), is(b.get("exit").cascadeId()));
    assertThat(
        CascadeDetector.cascadeId(a.get("module"), Cascades.HOUR.plusSeconds(3600)),
        not(a.get("module").cascadeId()));
  }

  private static List<ClusterRow> sorted(List<ClusterRow> rows) {
    List<ClusterRow> out = new ArrayList<>(rows);
    out.sort((x, y) -> x.signatureId().compareTo(y.signatureId()));
    return out;
  }
}
