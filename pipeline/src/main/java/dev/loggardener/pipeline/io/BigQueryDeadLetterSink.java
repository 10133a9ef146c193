package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.DeadLetterCoder;
import java.time.Instant;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Writes dead letters to the BigQuery table {@code --deadLetterTable} (schema from {@code
 * dead_letter.schema.json}) and returns those BigQuery rejected in turn, so the caller can write
 * them to files: the dead letter of the dead letter is the last resort, never nothing.
 */
public final class BigQueryDeadLetterSink
    extends PTransform<PCollection<DeadLetter>, PCollection<DeadLetter>> {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final BigQueryWriteSettings settings;

  private BigQueryDeadLetterSink(String table, BigQueryWriteSettings settings) {
    this.table = table;
    this.settings = settings;
  }

  /** {@code table} as {@code PROJECT:DATASET.TABLE}. */
  public static BigQueryDeadLetterSink to(String table, BigQueryWriteSettings settings) {
    return new BigQueryDeadLetterSink(table, settings);
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<DeadLetter> deadLetters) {
    PCollection<TableRow> rows =
        deadLetters
            .apply(
                "ToTableRows",
                MapElements.into(TypeDescriptor.of(TableRow.class))
                    .via((DeadLetter d) -> BigQueryRows.deadLetter(d, Instant.now())))
            .setCoder(TableRowJsonCoder.of());
    WriteResult result =
        rows.apply("WriteRows", settings.write(table, BigQuerySchemas.deadLetters(), rows));
    return result
        .getFailedStorageApiInserts()
        .apply("RejectedToDeadLetters", BigQueryClusterSink.toDeadLetters(table))
        .setCoder(DeadLetterCoder.of())
        .apply("Rewindow", IntoGlobalWindow.of());
  }
}
