package dev.loggardener.benchmarks;

import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/**
 * The floor pipeline must do exactly the Python baseline's work ({@code
 * scripts/bench-baseline.py}), or its row would not be a floor: these lines and counts are what the
 * baseline computes from them.
 */
public class BaselineOnBeamTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private PCollection<KV<String, Long>> count(String... lines) {
    return pipeline
        .apply(Create.of(java.util.List.of(lines)))
        .apply(new BaselineOnBeam.CountTemplates());
  }

  private static String entry(String severity, String payload) {
    return "{\"severity\":\""
        + severity
        + "\","
        + "\"resource\":{\"labels\":{\"service_name\":\"api\"}},"
        + payload
        + "}";
  }

  @Test
  public void countsWarningsAndAboveByServiceAndMaskedMessage() {
    PAssert.that(
            count(
                entry("WARNING", "\"jsonPayload\":{\"message\":\"retry 3 of 10\"}"),
                entry("ERROR", "\"jsonPayload\":{\"message\":\"retry 4 of 10\"}"),
                entry("CRITICAL", "\"textPayload\":\"disk 97% full\"")))
        .containsInAnyOrder(KV.of("api\tretry <*> of <*>", 2L), KV.of("api\tdisk <*>% full", 1L));
    pipeline.run();
  }

  @Test
  public void dropsEntriesBelowWarningAndEntriesWithoutSeverity() {
    PAssert.that(
            count(
                entry("INFO", "\"textPayload\":\"started\""),
                "{\"textPayload\":\"no severity\"}",
                entry("NOTICE", "\"textPayload\":\"notice\"")))
        .empty();
    pipeline.run();
  }

  @Test
  public void skipsLinesThatAreNotJson() {
    PAssert.that(count("not json", entry("ERROR", "\"textPayload\":\"boom\"")))
        .containsInAnyOrder(KV.of("api\tboom", 1L));
    pipeline.run();
  }

  @Test
  public void prefersTheJsonMessageAndMasksUnicodeDigitsAsPythonDoes() {
    PAssert.that(
            count(
                entry(
                    "ERROR",
                    "\"jsonPayload\":{\"message\":\"slot \u0663\u0664 busy\"},"
                        + "\"textPayload\":\"x\"")))
        .containsInAnyOrder(KV.of("api\tslot <*> busy", 1L));
    pipeline.run();
  }
}
