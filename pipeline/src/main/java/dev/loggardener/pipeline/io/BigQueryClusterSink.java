package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.DeadLetterCoder;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.TableRowJsonCoder;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Writes cluster rows to the BigQuery table {@code --outputTable} (schema from {@code
 * cluster_row.schema.json}, created beforehand) and returns, as dead letters, every row that did
 * not get there: rows over the size cap, which never leave, and rows the Storage Write API rejected
 * ({@code getFailedStorageApiInserts}). Nothing is dropped silently.
 */
public final class BigQueryClusterSink
    extends PTransform<PCollection<ClusterRow>, PCollection<DeadLetter>> {
  private static final long serialVersionUID = 1L;

  private static final TupleTag<TableRow> ROWS = new TupleTag<TableRow>() {};
  private static final TupleTag<DeadLetter> TOO_LARGE = new TupleTag<DeadLetter>() {};

  private final String table;
  private final BigQueryWriteSettings settings;
  private final int maxRowBytes;

  private BigQueryClusterSink(String table, BigQueryWriteSettings settings, int maxRowBytes) {
    this.table = table;
    this.settings = settings;
    this.maxRowBytes = maxRowBytes;
  }

  /** {@code table} as {@code PROJECT:DATASET.TABLE}. */
  public static BigQueryClusterSink to(
      String table, BigQueryWriteSettings settings, int maxRowBytes) {
    return new BigQueryClusterSink(table, settings, maxRowBytes);
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<ClusterRow> rows) {
    PCollectionTuple converted =
        rows.apply(
            "ToTableRows",
            ParDo.of(new ToTableRowFn(table, maxRowBytes))
                .withOutputTags(ROWS, TupleTagList.of(TOO_LARGE)));
    PCollection<TableRow> tableRows = converted.get(ROWS).setCoder(TableRowJsonCoder.of());
    converted.get(TOO_LARGE).setCoder(DeadLetterCoder.of());

    WriteResult result =
        tableRows.apply(
            "WriteRows", settings.write(table, BigQuerySchemas.clusterRows(), tableRows));

    PCollection<DeadLetter> rejected =
        result
            .getFailedStorageApiInserts()
            .apply("RejectedToDeadLetters", toDeadLetters(table))
            .setCoder(DeadLetterCoder.of());

    return PCollectionList.of(
            converted.get(TOO_LARGE).apply("RewindowTooLarge", IntoGlobalWindow.of()))
        .and(rejected.apply("RewindowRejected", IntoGlobalWindow.of()))
        .apply("FlattenUnwritten", Flatten.pCollections());
  }

  /** Storage API failures as dead letters, counted; shared with the dead-letter table sink. */
  static MapElements<BigQueryStorageApiInsertError, DeadLetter> toDeadLetters(String table) {
    Counter rejected = GardenerCounters.deadLettered(BigQueryRows.INSERT_FAILED);
    Counter all = GardenerCounters.counter(GardenerCounters.DEAD_LETTERED);
    return MapElements.into(TypeDescriptor.of(DeadLetter.class))
        .via(
            (BigQueryStorageApiInsertError e) -> {
              rejected.inc();
              all.inc();
              return BigQueryRows.rejected(table, e);
            });
  }

  static final class ToTableRowFn extends DoFn<ClusterRow, TableRow> {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final int maxRowBytes;
    private final Counter tooLarge = GardenerCounters.deadLettered(BigQueryRows.ROW_TOO_LARGE);
    private final Counter deadLettered = GardenerCounters.counter(GardenerCounters.DEAD_LETTERED);

    ToTableRowFn(String table, int maxRowBytes) {
      this.table = table;
      this.maxRowBytes = maxRowBytes;
    }

    @ProcessElement
    public void process(@Element ClusterRow row, MultiOutputReceiver out) {
      String json = ClusterRowJson.toJson(row);
      int bytes = json.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxRowBytes) {
        tooLarge.inc();
        deadLettered.inc();
        out.get(TOO_LARGE)
            .output(
                BigQueryRows.rejected(
                    table,
                    BigQueryRows.ROW_TOO_LARGE,
                    "RowTooLarge",
                    "row of " + bytes + " bytes exceeds --bigQueryMaxRowBytes=" + maxRowBytes,
                    json));
        return;
      }
      out.get(ROWS).output(BigQueryRows.clusterRow(json));
    }
  }
}
