package dev.loggardener.pipeline.io;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How the history seed is read, as Beam injects its own services through options (as {@code
 * GcsOptions#getGcsUtil} does): BigQuery by default, a fake in tests. Not a command-line option.
 */
@Hidden
public interface HistorySeedOptions extends PipelineOptions {
  @JsonIgnore
  @Description("Runs the history seed query; BigQuery's jobs.query unless a test sets a fake.")
  @Default.InstanceFactory(BigQueryJobsQueryFactory.class)
  SeedQuery getHistorySeedQuery();

  void setHistorySeedQuery(SeedQuery value);

  /** The default: BigQuery's jobs.query. */
  final class BigQueryJobsQueryFactory implements DefaultValueFactory<SeedQuery> {
    @Override
    public SeedQuery create(PipelineOptions options) {
      return new BigQueryJobsQuery();
    }
  }
}
