package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableRow;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs the history seed query ({@code history-seed.sql}) and returns its rows: BigQuery's {@code
 * jobs.query} in a job ({@link BigQueryJobsQuery}), a fake in tests. Any exception means no seed:
 * the caller counts it and starts with an empty history.
 */
public interface SeedQuery extends Serializable {
  /**
   * The rows of {@code sql} (standard SQL with one TIMESTAMP parameter {@code @since}), with
   * columns by name; TIMESTAMP values as RFC 3339 text or epoch seconds.
   */
  List<TableRow> rows(String sql, Instant since, PipelineOptions options) throws Exception;
}
