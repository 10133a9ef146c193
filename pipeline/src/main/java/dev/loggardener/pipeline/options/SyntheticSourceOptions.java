package dev.loggardener.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where records come from, and the knobs of the synthetic source: an unbounded, deterministic
 * stream of generated Cloud Run entries for load tests and demos on any runner.
 */
public interface SyntheticSourceOptions extends PipelineOptions {
  /** {@code --source} value for the log export files named by {@code --input}. */
  String EXPORT = "export";

  /** {@code --source} value for generated entries. */
  String SYNTHETIC = "synthetic";

  @Description(
      "Where log entries come from: `export` reads the files of --input; `synthetic` generates "
          + "an unbounded, deterministic stream of Cloud Run entries (see --ratePerSecond, "
          + "--durationSeconds, --signatures, --errorRatio, --syntheticServices, --seed), "
          + "processed as a stream. "
          + "Example: --source=synthetic")
  @Default.String(EXPORT)
  String getSource();

  void setSource(String value);

  @Description(
      "Synthetic source: entries per second, in processing time and in event time (entries are "
          + "1/N s apart from 2025-09-16T00:00Z). Example: --ratePerSecond=10000")
  @Default.Long(1000)
  long getRatePerSecond();

  void setRatePerSecond(long value);

  @Description(
      "Synthetic source: stop after this many seconds' worth of entries (ratePerSecond x "
          + "durationSeconds), then close every window and end; 0 never stops. "
          + "Example: --durationSeconds=60")
  @Default.Long(0)
  long getDurationSeconds();

  void setDurationSeconds(long value);

  @Description(
      "Synthetic source: begin this many seconds' worth of entries in (ratePerSecond x "
          + "syntheticStartSeconds entries are skipped; event times unchanged): a job relaunched "
          + "after a drain goes on where the drained job's source ended, as it would on the "
          + "subscription's unacknowledged messages. Example: --syntheticStartSeconds=180")
  @Default.Long(0)
  long getSyntheticStartSeconds();

  void setSyntheticStartSeconds(long value);

  @Description(
      "Synthetic source: distinct error templates in the long tail, on top of the seed's seven "
          + "clusters. Example: --signatures=10000")
  @Default.Integer(1000)
  int getSignatures();

  void setSignatures(int value);

  @Description(
      "Synthetic source: share of entries that are warnings or errors (one hot signature carries "
          + "half of them); the rest is ordinary traffic the severity filter drops. "
          + "Example: --errorRatio=0.125")
  @Default.Double(0.125)
  double getErrorRatio();

  void setErrorRatio(double value);

  @Description(
      "Synthetic source: how many Cloud Run services the entries come from, taking turns (entry i "
          + "belongs to service i mod N, each with the same mix): netra-backend-staging, then "
          + "netra-backend-staging-2, -3, ... Example: --syntheticServices=3")
  @Default.Integer(1)
  int getSyntheticServices();

  void setSyntheticServices(int value);

  @Description(
      "Synthetic source: seed; entry i is a pure function of the seed, i and the options above. "
          + "Example: --seed=20250916")
  @Default.Long(20250916L)
  long getSeed();

  void setSeed(long value);
}
