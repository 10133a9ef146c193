package dev.loggardener.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The options of the production set-up on Google Cloud: Pub/Sub in, BigQuery and Cloud Storage out.
 * All default to empty, which keeps the file source and file sinks; setting {@code
 * --inputSubscription} (or {@code --inputTopic}) switches to streaming from Pub/Sub, and {@code
 * --outputTable} sends cluster rows to BigQuery. Cross-field checks live in {@code
 * GardenerSettings.validate}.
 */
public interface GoogleCloudIoOptions extends PipelineOptions {

  @Description(
      "Pub/Sub subscription to stream LogEntries from (what a Log Router sink publishes); "
          + "replaces --input. Example: "
          + "--inputSubscription=projects/my-project/subscriptions/log-gardener")
  @Default.String("")
  String getInputSubscription();

  void setInputSubscription(String value);

  @Description(
      "Pub/Sub topic to stream LogEntries from through a temporary subscription (testing only: "
          + "entries published while the job is down are lost; prefer --inputSubscription). "
          + "Example: --inputTopic=projects/my-project/topics/log-gardener")
  @Default.String("")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "BigQuery table for the cluster rows, created beforehand by scripts/setup-gcp.sh (the job "
          + "never creates tables). Empty writes JSON lines under --output/clusters instead. "
          + "Example: --outputTable=my-project:log_gardener.clusters")
  @Default.String("")
  String getOutputTable();

  void setOutputTable(String value);

  @Description(
      "BigQuery table for dead letters (records that could not be used, rows BigQuery "
          + "rejected). Empty writes them as JSON lines under --output/deadletter. Example: "
          + "--deadLetterTable=my-project:log_gardener.dead_letters")
  @Default.String("")
  String getDeadLetterTable();

  void setDeadLetterTable(String value);

  @Description(
      "How rows reach BigQuery: STORAGE_WRITE_API (exactly once) or STORAGE_API_AT_LEAST_ONCE "
          + "(cheaper, may duplicate rows; the clusters_latest view hides duplicates). "
          + "Example: --bigQueryWriteMethod=STORAGE_API_AT_LEAST_ONCE")
  @Default.String("STORAGE_WRITE_API")
  String getBigQueryWriteMethod();

  void setBigQueryWriteMethod(String value);

  @Description(
      "Streaming with STORAGE_WRITE_API: seconds between commits to BigQuery; rows become "
          + "visible after at most this long. Example: --bigQueryTriggeringFrequencySeconds=60")
  @Default.Integer(60)
  int getBigQueryTriggeringFrequencySeconds();

  void setBigQueryTriggeringFrequencySeconds(int value);

  @Description(
      "Rows whose JSON is larger than this many bytes go to the dead letter instead of BigQuery "
          + "(BigQuery rejects rows over 10 MB and the write would retry forever). Example: "
          + "--bigQueryMaxRowBytes=1000000")
  @Default.Integer(1_000_000)
  int getBigQueryMaxRowBytes();

  void setBigQueryMaxRowBytes(int value);

  @Description(
      "Where the markdown reports go, local or gs://; one object per (service, window, pane). "
          + "Empty means --output/reports. Example: --reportPrefix=gs://my-bucket/reports")
  @Default.String("")
  String getReportPrefix();

  void setReportPrefix(String value);
}
