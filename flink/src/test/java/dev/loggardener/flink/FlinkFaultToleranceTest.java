package dev.loggardener.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loggardener.filter.SeverityFilter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import dev.loggardener.pipeline.LogGardenerPipeline;
import dev.loggardener.pipeline.io.LogSinks;
import dev.loggardener.pipeline.io.LogSources;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.options.SyntheticSourceOptions;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import dev.loggardener.signature.Signer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A streaming job on Flink (parallelism 2, a checkpoint every 200 ms, state in a local directory)
 * loses a worker mid-run and still counts every cluster exactly: nothing lost, nothing counted
 * twice. The synthetic source is rate-limited so that checkpoints complete while data flows; a
 * one-time failure after a checkpoint makes Flink restart every task from that checkpoint: the
 * source resumes at its checkpointed indices, and dedup and aggregation state roll back to the same
 * point, so the replayed entries are counted once.
 */
public class FlinkFaultToleranceTest {
  private static final int RATE = 1_000;
  private static final int SECONDS = 4;
  private static final int SIGNATURES = 50;
  private static final double ERROR_RATIO = 0.5;
  private static final long SEED = 7;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aWorkerFailureMidRunLosesNothingAndCountsNothingTwice() throws Exception {
    QuietLogs.warningsOnly();
    Path output = tmp.newFolder("out").toPath();
    Path state = tmp.newFolder("state").toPath();
    long total = (long) RATE * SECONDS;

    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setSource(SyntheticSourceOptions.SYNTHETIC);
    o.setRatePerSecond(RATE);
    o.setDurationSeconds(SECONDS);
    o.setSignatures(SIGNATURES);
    o.setErrorRatio(ERROR_RATIO);
    o.setSeed(SEED);
    // Counts are checked per fine signature, computed entry by entry below: no groups.
    o.setGroupSignatures(false);
    o.setOutput(output.toString());
    o.setStableUniqueNames(CheckEnabled.ERROR);
    FlinkPipelineOptions f = o.as(FlinkPipelineOptions.class);
    f.setRunner(FlinkRunner.class);
    f.setFlinkMaster("[local]");
    f.setParallelism(2);
    f.setCheckpointingInterval(200L);
    f.setStateBackend("filesystem");
    f.setStateBackendStoragePath(state.toUri().toString());
    f.setNumberOfExecutionRetries(2);
    f.setExecutionRetryDelay(100L);
    // A finished source must shut down, or the job never ends once the last window has closed.
    f.setShutdownSourcesAfterIdleMs(0L);

    InjectOneFailure.reset();
    Pipeline p = Pipeline.create(o);
    PCollection<RawRecord> records =
        LogSources.read(p, o)
            .apply("InjectOneFailure", ParDo.of(new InjectOneFailure(total / 4, state)))
            .setCoder(RawRecordCoder.of());
    LogSinks.write(LogGardenerPipeline.process(records, o), o);
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish(), equalTo(PipelineResult.State.DONE));

    // The failure happened, and the restart resumed from a checkpoint, not from the start:
    // some records were delivered twice to this stage, but fewer than a full replay would.
    assertThat("a worker failed", InjectOneFailure.failed(), is(true));
    long seen = InjectOneFailure.SEEN.get();
    assertThat("records replayed after the failure", seen, greaterThan(total));
    assertThat(
        "resumed from a checkpoint",
        seen,
        lessThan(total + InjectOneFailure.SEEN_WHEN_FAILED.get()));

    assertThat(finalCounts(output), equalTo(expectedCounts(total)));
  }

  /** Signature id to count in the last pane of each cluster of the run's output. */
  private static Map<String, Long> finalCounts(Path output) {
    Map<String, Long> counts = new TreeMap<>();
    for (String row : FinalRows.of(output)) {
      JsonNode r = FinalRows.read(row);
      assertThat(row, r.get("is_final").asBoolean(), is(true));
      counts.merge(r.get("signature_id").asText(), r.get("count").asLong(), Long::sum);
    }
    return counts;
  }

  /** The same counts computed entry by entry, without a pipeline. */
  private static Map<String, Long> expectedCounts(long total) {
    SyntheticLogEntries entries = SyntheticLogEntries.of(SEED, SIGNATURES, ERROR_RATIO, RATE);
    LogEntryParser parser = new LogEntryParser();
    SeverityFilter filter = new SeverityFilter(Severity.WARNING);
    Signer signer = new Signer();
    Map<String, Long> counts = new TreeMap<>();
    for (long i = 0; i < total; i++) {
      LogEntry e = parser.parse(entries.json(i)).entry();
      if (filter.keep(e)) {
        counts.merge(signer.sign(e.message()).id(), 1L, Long::sum);
      }
    }
    return counts;
  }
}
