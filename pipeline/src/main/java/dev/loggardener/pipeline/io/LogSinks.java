package dev.loggardener.pipeline.io;

import dev.loggardener.pipeline.options.LogGardenerOptions;

/**
 * Chooses where the pipeline's outputs go from the options: cluster rows, reports, dead letters and
 * issue drafts as files under {@code --output} (local or {@code gs://}).
 */
public final class LogSinks {
  private LogSinks() {}

  public static void write(Outputs outputs, LogGardenerOptions o) {
    // Google Cloud: BigQuery tables and a report prefix, when set, are routed there.
    if (GoogleCloudSinks.applies(o)) {
      GoogleCloudSinks.write(outputs, o);
      return;
    }
    outputs
        .clusterRows()
        .apply(
            "WriteClusterRows", WriteLocalOutputs.clusterRows(o.getOutput(), o.getClusterShards()));
    outputs.reports().apply("WriteReports", WriteLocalOutputs.reports(o.getOutput()));
    outputs.deadLetters().apply("WriteDeadLetters", WriteLocalOutputs.deadLetters(o.getOutput()));
    outputs.issueDrafts().apply("WriteIssueDrafts", WriteLocalOutputs.issueDrafts(o.getOutput()));
  }
}
