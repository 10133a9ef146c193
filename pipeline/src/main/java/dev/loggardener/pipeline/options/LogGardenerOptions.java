package dev.loggardener.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Every Log Gardener option, with a description a user can copy from and a default. Plain types
 * only (no ValueProvider): Flex Templates do not need them. Cross-field checks happen in {@code
 * GardenerSettings.validate}.
 */
public interface LogGardenerOptions
    extends PipelineOptions, GoogleCloudIoOptions, SyntheticSourceOptions {

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
      "Uncompressed export files larger than this many megabytes are split at record boundaries "
          + "and read by several workers at once; compressed files are read whole; 0 reads every "
          + "file whole (what a DirectRunner run does unless this is given, because the "
          + "DirectRunner was slower with chunks). Example: --readChunkMegabytes=64")
  @Default.Integer(32)
  int getReadChunkMegabytes();

  void setReadChunkMegabytes(int value);

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

  @Description(
      "Reports list at most this many clusters per (service, window), the top of the ranking, "
          + "and count the others (totals, priorities and cascades still cover all of them). "
          + "Example: --reportMaxClusters=50")
  @Default.Integer(50)
  int getReportMaxClusters();

  void setReportMaxClusters(int value);

  @Description(
      "Learn signature groups: templates of a service that differ only at positions found to "
          + "vary become one cluster with a stable group_id (schema version 3). With false, every "
          + "signature is its own group (group_id = signature_id), as before groups existed. "
          + "Example: --groupSignatures=false")
  @Default.Boolean(true)
  boolean getGroupSignatures();

  void setGroupSignatures(boolean value);

  @Description(
      "Streaming: a window's changed clusters are gathered for this many seconds (processing "
          + "time) before they are grouped, so a busy service is grouped once per batch instead of "
          + "once per firing; longer batches read the post-aggregation state less often but delay "
          + "early rows by up to this much; 0 groups every bundle at once. "
          + "Example: --postAggregationBatchSeconds=10")
  @Default.Integer(10)
  int getPostAggregationBatchSeconds();

  void setPostAggregationBatchSeconds(int value);

  @Description(
      "YAML priority policy (local path or gs://): ordered rules on severity, text, exception "
          + "type, service, count and status, first match wins; empty uses the bundled "
          + "templates/priority-policy.yaml. Example: --priorityPolicy=my-policy.yaml")
  @Default.String("")
  String getPriorityPolicy();

  void setPriorityPolicy(String value);

  @Description(
      "File issues for clusters that need one (P0/P1 that are NEW, REGRESSION or SPIKE and not a "
          + "cascade symptom) in this GitHub repository, idempotently; empty writes drafts to "
          + "issues/ only. Example: --githubRepo=my-org/my-service")
  @Default.String("")
  String getGithubRepo();

  void setGithubRepo(String value);

  @Description(
      "Environment variable on the workers holding the GitHub token used with --githubRepo. "
          + "Example: --githubTokenEnv=GITHUB_TOKEN")
  @Default.String("GITHUB_TOKEN")
  String getGithubTokenEnv();

  void setGithubTokenEnv(String value);

  @Description(
      "Secret Manager secret version holding the GitHub token, read by each worker with its "
          + "service account; takes precedence over --githubTokenEnv. "
          + "Example: --githubTokenSecret=projects/my-project/secrets/github-token/versions/latest")
  @Default.String("")
  String getGithubTokenSecret();

  void setGithubTokenSecret(String value);

  @Description(
      "GitHub REST API base URL (GitHub Enterprise: https://HOST/api/v3). "
          + "Example: --githubApiUrl=https://api.github.com")
  @Default.String("https://api.github.com")
  String getGithubApiUrl();

  void setGithubApiUrl(String value);

  @Description(
      "Issue filings per minute over the whole job (each filing is two or three GitHub calls: "
          + "list open issues, maybe list comments, create or comment). Each worker gets an equal "
          + "share, so the bound holds with up to --githubFilingWorkers workers; a filing over it "
          + "waits, it is not dropped. The default stays under GitHub's secondary limit of 500 "
          + "content-creating requests an hour; 0: unbounded. Example: --githubFilingsPerMinute=8")
  @Default.Double(8)
  double getGithubFilingsPerMinute();

  void setGithubFilingsPerMinute(double value);

  @Description(
      "How many workers share --githubFilingsPerMinute: the most that may run at once. 0 takes "
          + "Dataflow's --maxNumWorkers, else --numWorkers without autoscaling, else 100 on "
          + "Dataflow (the autoscaling ceiling of a Streaming Engine job) and 1 on other runners "
          + "(set it for a Flink cluster: its task managers). Example: --githubFilingWorkers=10")
  @Default.Integer(0)
  int getGithubFilingWorkers();

  void setGithubFilingWorkers(int value);

  @Description(
      "Seconds one GitHub call may take (connecting within the smaller of it and 10 s) before it "
          + "is given up and the filing retried later; an unreachable tracker costs the filing "
          + "step this long per call. Example: --githubTimeoutSeconds=30")
  @Default.Integer(30)
  int getGithubTimeoutSeconds();

  void setGithubTimeoutSeconds(int value);

  @Description(
      "A backfill's declared coverage: the time range START/END (ISO 8601, end excluded) its export "
          + "holds completely. Only windows inside it are backfilled, and each replaces what the "
          + "stream wrote for its (window, service); entries of windows it holds only in part are "
          + "left out (counted as backfill_entries_outside_coverage) so they never replace a full "
          + "count. Empty (the default): every window of the export is backfilled and replaces, "
          + "so back-fill whole windows. Batch runs only. "
          + "Example: --backfillCoverage=2026-12-01T00:00Z/2026-12-02T00:00Z")
  @Default.String("")
  String getBackfillCoverage();

  void setBackfillCoverage(String value);

  @Description(
      "Streaming: the keys of the steps after grouping (applying the cascade analysis, emitting "
          + "changed rows) per (window, service), by a hash of the cluster id, so a service with "
          + "many clusters is not one hot key. Part of the job's state: keep it across an in-place "
          + "update (--update); change it only with a drain and relaunch. "
          + "Example: --postAggregationShards=4")
  @Default.Integer(4)
  int getPostAggregationShards();

  void setPostAggregationShards(int value);

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

  @Description(
      "Seconds between the progress lines a local run prints on stderr (entries read, rate, share "
          + "of the input read, time left); 0 prints none. Example: --progressSeconds=30")
  @Default.Integer(10)
  int getProgressSeconds();

  void setProgressSeconds(int value);

  // Split-trace reassembly and signature rules.

  @Description(
      "Largest event-time gap in milliseconds between two lines of one stack trace printed to "
          + "stdout/stderr one line per entry; lines further apart are separate entries, and a "
          + "pending trace is flushed this long after its newest line. Example: --traceGapMillis=1000")
  @Default.Long(1000)
  long getTraceGapMillis();

  void setTraceGapMillis(long value);

  @Description(
      "Most lines merged into one reassembled stack trace; a longer trace is cut. "
          + "Example: --maxTraceLines=256")
  @Default.Integer(256)
  int getMaxTraceLines();

  void setMaxTraceLines(int value);

  @Description(
      "Most characters of one reassembled stack trace; a longer trace is cut. "
          + "Example: --maxTraceChars=65536")
  @Default.Integer(65536)
  int getMaxTraceChars();

  void setMaxTraceChars(int value);

  @Description(
      "YAML file of custom fingerprints, extra masks and ignore rules (local or gs://), read when "
          + "the pipeline is built; see templates/signature-rules.example.yaml. Empty: no rules. "
          + "Example: --signatureRules=rules.yaml")
  @Default.String("")
  String getSignatureRules();

  void setSignatureRules(String value);

  // --- Gardener: cascades per window and status against history ---

  @Description(
      "Cascades: two clusters are linked when entries of one follow entries of the other on the "
          + "same instance within this many seconds, consistently. Example: --cascadeWindowSeconds=120")
  @Default.Integer(120)
  int getCascadeWindowSeconds();

  void setCascadeWindowSeconds(int value);

  @Description(
      "Cascades: at most this many clusters per window are analysed (the biggest); the others "
          + "keep empty cascade fields. Example: --cascadeMaxClusters=200")
  @Default.Integer(200)
  int getCascadeMaxClusters();

  void setCascadeMaxClusters(int value);

  @Description(
      "Known-issues registry, local or gs://, CSV (header signature_id,tracker_url,status,"
          + "resolved_revision) or YAML (.yaml/.yml); read when the pipeline is built. Sets "
          + "tracking_issue and REGRESSION. Example: --knownIssues=known-issues.csv")
  @Default.String("")
  String getKnownIssues();

  void setKnownIssues(String value);

  @Description(
      "Streaming: re-read the --knownIssues file this often, so resolving or linking an issue in "
          + "it takes effect without restarting the job; 0 reads it once. "
          + "Example: --knownIssuesReloadMinutes=10")
  @Default.Integer(10)
  int getKnownIssuesReloadMinutes();

  void setKnownIssuesReloadMinutes(int value);

  @Description(
      "Forget a signature's history after this many days without it. Example: --historyRetentionDays=14")
  @Default.Integer(14)
  int getHistoryRetentionDays();

  void setHistoryRetentionDays(int value);

  @Description(
      "Streaming: remember an entry's identity for deduplication until the watermark passes its "
          + "time plus this many minutes (or its window expires); a redelivery after that counts "
          + "again. Exports deduplicate whole windows. Example: --dedupRetentionMinutes=60")
  @Default.Integer(60)
  int getDedupRetentionMinutes();

  void setDedupRetentionMinutes(int value);

  // --- Runs, issue filing, history at launch ---

  @Description(
      "Identifies this launch in every cluster row's run_id, so clusters_latest can tell a "
          + "relaunched job's or a backfill's rows from earlier ones (pane numbers restart). Empty: "
          + "the launch time (UTC, yyyyMMddTHHmmssZ) and a random suffix. "
          + "Example: --runId=20250916T0100Z-backfill")
  @Default.String("")
  String getRunId();

  void setRunId(String value);

  @Description(
      "At launch, start every signature's history from the counts the clusters_latest view "
          + "beside --outputTable gives for this many days (one query; the job's account needs "
          + "roles/bigquery.jobUser), so a relaunched job does not find every ongoing signature NEW "
          + "again and file issues for all of them. A failed read is counted (history_seed_failed) "
          + "and starts with an empty history; 0, or no --outputTable, starts empty too. "
          + "Example: --seedHistoryDays=7")
  @Default.Integer(7)
  int getSeedHistoryDays();

  void setSeedHistoryDays(int value);
}
