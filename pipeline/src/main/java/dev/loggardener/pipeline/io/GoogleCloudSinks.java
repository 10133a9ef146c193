package dev.loggardener.pipeline.io;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Routes the outputs when a Google Cloud sink option is set: cluster rows to {@code --outputTable}
 * (else JSON lines under {@code --output}), reports to {@code --reportPrefix} (else {@code
 * --output/reports}), and dead letters, including rows BigQuery rejected, to {@code
 * --deadLetterTable} (else JSON lines under {@code --output/deadletter}). Whatever the dead-letter
 * table rejects still lands in the files. Issue drafts have no table: they always go to {@code
 * --output/issues} (FileIO, so a {@code gs://} prefix works), as they do without these options,
 * because they are the reviewable record of what would be or was filed. Step names are fixed
 * whatever the options, except that a sink that is not configured is absent.
 */
public final class GoogleCloudSinks {
  private GoogleCloudSinks() {}

  /** True when any option this class handles is set. */
  public static boolean applies(LogGardenerOptions o) {
    return set(o.getOutputTable()) || set(o.getDeadLetterTable()) || set(o.getReportPrefix());
  }

  public static void write(Outputs outputs, LogGardenerOptions o) {
    write(outputs, o, null);
  }

  /** As {@link #write(Outputs, LogGardenerOptions)}; tests pass fakes. */
  public static void write(Outputs outputs, LogGardenerOptions o, BigQueryServices services) {
    BigQueryWriteSettings settings =
        BigQueryWriteSettings.of(
            o.getBigQueryWriteMethod(), o.getBigQueryTriggeringFrequencySeconds());
    if (services != null) {
      settings = settings.withTestServices(services);
    }

    PCollection<DeadLetter> deadLetters =
        outputs.deadLetters().apply("RewindowDeadLetters", IntoGlobalWindow.of());
    if (set(o.getOutputTable())) {
      PCollection<DeadLetter> unwritten =
          outputs
              .clusterRows()
              .apply(
                  "WriteClustersToBigQuery",
                  BigQueryClusterSink.to(o.getOutputTable(), settings, o.getBigQueryMaxRowBytes()));
      deadLetters =
          PCollectionList.of(deadLetters)
              .and(unwritten)
              .apply("FlattenSinkDeadLetters", Flatten.pCollections());
    } else {
      outputs
          .clusterRows()
          .apply(
              "WriteClusterRows",
              WriteLocalOutputs.clusterRows(o.getOutput(), o.getClusterShards()));
    }

    outputs.reports().apply("WriteReports", WriteLocalOutputs.reportsAt(reportPrefix(o)));

    if (set(o.getDeadLetterTable())) {
      deadLetters =
          deadLetters.apply(
              "WriteDeadLettersToBigQuery",
              BigQueryDeadLetterSink.to(o.getDeadLetterTable(), settings));
    }
    deadLetters.apply("WriteDeadLetters", WriteLocalOutputs.deadLetters(o.getOutput()));

    outputs.issueDrafts().apply("WriteIssueDrafts", WriteLocalOutputs.issueDrafts(o.getOutput()));
  }

  /** {@code --reportPrefix}, else {@code --output/reports}. */
  public static String reportPrefix(LogGardenerOptions o) {
    return set(o.getReportPrefix())
        ? o.getReportPrefix()
        : WriteLocalOutputs.join(o.getOutput(), "reports");
  }

  private static boolean set(String s) {
    return s != null && !s.isBlank();
  }
}
