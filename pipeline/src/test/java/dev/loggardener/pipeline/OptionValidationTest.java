package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import dev.loggardener.pipeline.options.LogGardenerOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** Option mistakes are reported when the pipeline is built, naming the option. */
public class OptionValidationTest {

  private static LogGardenerOptions options(String... args) {
    PipelineOptionsFactory.register(LogGardenerOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(LogGardenerOptions.class);
  }

  @Test
  public void unknownSeverityNamesTheOptionAndTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GardenerSettings.validate(options("--input=../samples", "--minSeverity=LOUD")));
    assertThat(e.getMessage(), containsString("--minSeverity=LOUD"));
    assertThat(e.getMessage(), containsString("WARNING"));
  }

  @Test
  public void missingLocalInputIsReportedBeforeTheRun() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GardenerSettings.validate(options("--input=/nonexistent/export.json")));
    assertThat(e.getMessage(), containsString("no such file"));
  }

  @Test
  public void nonPositiveWindowIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GardenerSettings.validate(options("--input=../samples", "--windowMinutes=0")));
    assertThat(e.getMessage(), containsString("--windowMinutes"));
  }

  @Test
  public void aNegativePostAggregationBatchIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GardenerSettings.validate(
                    options("--input=../samples", "--postAggregationBatchSeconds=-1")));
    assertThat(e.getMessage(), containsString("--postAggregationBatchSeconds"));
  }

  @Test
  public void globsAndRemotePathsAreLeftToTheFileSystem() {
    GardenerSettings.validate(options("--input=/nonexistent/*.json"));
    GardenerSettings.validate(options("--input=gs://bucket/exports/"));
  }

  @Test
  public void aBackfillCoverageThatIsNotStartSlashEndNamesTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GardenerSettings.validate(
                    options("--input=../samples", "--backfillCoverage=2026-12-01")));
    assertThat(e.getMessage(), containsString("--backfillCoverage"));
  }

  @Test
  public void aStreamCannotDeclareABackfillCoverage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GardenerSettings.validate(
                    options(
                        "--input=../samples",
                        "--inputSubscription=projects/p/subscriptions/s",
                        "--backfillCoverage=2026-12-01T00:00Z/2026-12-02T00:00Z")));
    assertThat(e.getMessage(), containsString("not a stream"));
  }
}
