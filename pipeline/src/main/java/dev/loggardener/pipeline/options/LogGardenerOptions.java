package dev.loggardener.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Every Log Gardener option, with a description a user can copy from and a default. Plain types
 * only (no ValueProvider): Flex Templates do not need them. Cross-field checks happen in {@code
 * LogGardenerPipeline.validate}.
 */
public interface LogGardenerOptions extends PipelineOptions, SyntheticSourceOptions {

  @Description(
      "Log export to read: a file, a directory or a glob, local or gs://. Accepts the JSON array "
          + "printed by `gcloud logging read --format=json` and NDJSON with one LogEntry per line "
          + "(what Log Router sinks write to Cloud Storage); .gz files are decompressed. "
          + "Example: --input=exports/*.json")
  @Default.String("samples/cloud-run-backend-hour.json")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description(
      "Output folder (local or gs://). Receives clusters/ (JSON lines, the BigQuery row schema), "
          + "reports/ (one markdown report per service and window) and deadletter/. "
          + "Example: --output=./gardener-out")
  @Default.String("gardener-out")
  String getOutput();

  void setOutput(String value);

  @Description(
      "Lowest Cloud Logging severity that is clustered: DEFAULT, DEBUG, INFO, NOTICE, WARNING, "
          + "ERROR, CRITICAL, ALERT or EMERGENCY. Severity-less stderr lines that plainly carry an "
          + "error (tracebacks, `...Error:` lines, panics) are kept too. Example: --minSeverity=ERROR")
  @Default.String("WARNING")
  String getMinSeverity();

  void setMinSeverity(String value);

  @Description("Length of the event-time windows in minutes. Example: --windowMinutes=60")
  @Default.Integer(60)
  int getWindowMinutes();

  void setWindowMinutes(int value);

  @Description(
      "Streaming only: emit an early pane this many minutes (processing time) after the first "
          + "entry of a pane; 0 turns early panes off. Example: --earlyFiringMinutes=5")
  @Default.Integer(5)
  int getEarlyFiringMinutes();

  void setEarlyFiringMinutes(int value);

  @Description(
      "How many hours after a window ends late entries are still counted (each emits a late "
          + "pane); later ones are dropped and counted. Example: --allowedLatenessHours=6")
  @Default.Integer(6)
  int getAllowedLatenessHours();

  void setAllowedLatenessHours(int value);

  @Description(
      "Mustache template for the markdown reports; empty uses the bundled "
          + "templates/report.md.mustache. Example: --reportTemplate=my-report.md.mustache")
  @Default.String("")
  String getReportTemplate();

  void setReportTemplate(String value);

  @Description("Files per window for the cluster rows. Example: --clusterShards=1")
  @Default.Integer(1)
  int getClusterShards();

  void setClusterShards(int value);

  @Description(
      "Spread each cluster's aggregation over this many intermediate keys first, for signatures "
          + "that carry much of the traffic; 0 turns it off. Example: --hotKeyFanout=16")
  @Default.Integer(0)
  int getHotKeyFanout();

  void setHotKeyFanout(int value);

  @Description("Print a collection summary and the counters when a blocking run ends.")
  @Default.Boolean(true)
  boolean getPrintSummary();

  void setPrintSummary(boolean value);
}
