package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.pipeline.options.LogGardenerOptions;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineWorkerPoolOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/**
 * The global filing rate is split among the workers that may run the filing step; each GitHub call
 * is given up after the configured timeout.
 */
public class IssueFilingRateTest {
  static LogGardenerOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(LogGardenerOptions.class);
  }

  @Test
  public void aSingleJvmRunnerGetsTheWholeRate() {
    LogGardenerOptions o = options();
    assertThat(GardenerSettings.issueFiling(o).perWorkerFilingsPerMinute(), is(8.0));
  }

  @Test
  public void onDataflowEachWorkerUpToTheCeilingGetsAnEqualShare() {
    LogGardenerOptions o = options("--githubFilingsPerMinute=8", "--maxNumWorkers=4");
    o.setRunner(DataflowRunner.class);
    assertThat(GardenerSettings.issueFiling(o).perWorkerFilingsPerMinute(), is(2.0));
  }

  @Test
  public void anAutoscalingDataflowJobWithoutACeilingAssumesStreamingEnginesHundredWorkers() {
    LogGardenerOptions o = options("--githubFilingsPerMinute=10", "--numWorkers=3");
    o.setRunner(DataflowRunner.class);
    assertThat(GardenerSettings.filingWorkers(o), is(100));
    o.as(DataflowPipelineWorkerPoolOptions.class)
        .setAutoscalingAlgorithm(DataflowPipelineWorkerPoolOptions.AutoscalingAlgorithmType.NONE);
    assertThat(GardenerSettings.filingWorkers(o), is(3));
  }

  @Test
  public void anExplicitWorkerCountWins() {
    LogGardenerOptions o = options("--githubFilingsPerMinute=6", "--githubFilingWorkers=3");
    o.setRunner(DataflowRunner.class);
    assertThat(GardenerSettings.issueFiling(o).perWorkerFilingsPerMinute(), is(2.0));
  }

  @Test
  public void eachGitHubCallIsGivenUpAfterTheConfiguredTimeout() {
    assertThat(
        GardenerSettings.issueFiling(options()).timeout, is(java.time.Duration.ofSeconds(30)));
    assertThat(
        GardenerSettings.issueFiling(options("--githubTimeoutSeconds=2")).timeout,
        is(java.time.Duration.ofSeconds(2)));
  }

  @Test(expected = IllegalArgumentException.class)
  public void aTimeoutBelowOneSecondIsRefused() {
    GardenerSettings.issueFiling(options("--githubTimeoutSeconds=0"));
  }
}
