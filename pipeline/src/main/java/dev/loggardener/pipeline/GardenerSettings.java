package dev.loggardener.pipeline;

import dev.loggardener.beam.WindowCoverage;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cluster.RunIds;
import dev.loggardener.history.KnownIssues;
import dev.loggardener.history.KnownIssuesSource;
import dev.loggardener.issues.IssueFilingConfig;
import dev.loggardener.model.Severity;
import dev.loggardener.multiline.TraceLimits;
import dev.loggardener.pipeline.io.ConfigFiles;
import dev.loggardener.pipeline.io.GoogleCloudIoValidation;
import dev.loggardener.pipeline.io.HistorySeedOptions;
import dev.loggardener.pipeline.io.SecretManagerTokenSource;
import dev.loggardener.pipeline.io.SeedQuery;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.priority.PriorityPolicy;
import dev.loggardener.report.ReportRenderer;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignatureRulesFile;
import org.apache.beam.runners.dataflow.options.DataflowPipelineWorkerPoolOptions;
import org.joda.time.Duration;

/**
 * The pipeline options, validated once and turned into the values the stages take: files named by
 * options (signature rules, priority policy, report template) are read here, so a broken file stops
 * the launch with its name and line, and no stage reads or changes the options afterwards.
 *
 * @param knownIssuesPath {@code --knownIssues}, empty for none; read by {@link #knownIssues}
 * @param postAggregationBatch how long grouping gathers a window's changed clusters before it reads
 *     its state ({@code --postAggregationBatchSeconds})
 * @param seedTable the table to seed history from, empty when history starts empty
 * @param seedQuery how the history seed query runs (BigQuery; a fake in tests)
 * @param postAggregationShards keys per (window, service) after grouping ({@code
 *     --postAggregationShards})
 * @param backfillCoverage the range a backfill's export holds completely, or null: every window of
 *     the export is backfilled
 */
public record GardenerSettings(
    Severity minSeverity,
    WindowingConfig windowing,
    SignatureRules rules,
    TraceLimits traceLimits,
    Duration dedupRetention,
    int hotKeyFanout,
    PriorityPolicy priorityPolicy,
    boolean groupSignatures,
    Duration postAggregationBatch,
    int cascadeWindowSeconds,
    int cascadeMaxClusters,
    String runId,
    String knownIssuesPath,
    int knownIssuesReloadMinutes,
    int historyRetentionDays,
    String seedTable,
    int seedHistoryDays,
    SeedQuery seedQuery,
    ReportRenderer reportRenderer,
    int reportMaxClusters,
    int postAggregationShards,
    IssueFilingConfig issueFiling,
    WindowCoverage backfillCoverage) {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(GardenerSettings.class);

  /**
   * The same settings with other windows and triggers: a test of runner behaviour across jobs (an
   * update, a relaunch) shortens the early-firing delay without a user-facing option.
   */
  public GardenerSettings withWindowing(WindowingConfig windowing) {
    return new GardenerSettings(
        minSeverity,
        windowing,
        rules,
        traceLimits,
        dedupRetention,
        hotKeyFanout,
        priorityPolicy,
        groupSignatures,
        postAggregationBatch,
        cascadeWindowSeconds,
        cascadeMaxClusters,
        runId,
        knownIssuesPath,
        knownIssuesReloadMinutes,
        historyRetentionDays,
        seedTable,
        seedHistoryDays,
        seedQuery,
        reportRenderer,
        reportMaxClusters,
        postAggregationShards,
        issueFiling,
        backfillCoverage);
  }

  /** Validates {@code o} and reads the files it names; throws with a message naming the option. */
  public static GardenerSettings from(LogGardenerOptions o) {
    validate(o);
    return new GardenerSettings(
        Severity.parseLenient(o.getMinSeverity()),
        WindowingConfig.of(
            Duration.standardMinutes(o.getWindowMinutes()),
            Duration.standardMinutes(o.getEarlyFiringMinutes()),
            Duration.standardHours(o.getAllowedLatenessHours())),
        SignatureRulesFile.read(o.getSignatureRules()),
        TraceLimits.of(o.getTraceGapMillis(), o.getMaxTraceLines(), o.getMaxTraceChars()),
        Duration.standardMinutes(o.getDedupRetentionMinutes()),
        o.getHotKeyFanout(),
        priorityPolicy(o),
        o.getGroupSignatures(),
        Duration.standardSeconds(o.getPostAggregationBatchSeconds()),
        o.getCascadeWindowSeconds(),
        o.getCascadeMaxClusters(),
        isBlank(o.getRunId()) ? RunIds.newRunId(java.time.Instant.now()) : o.getRunId(),
        isBlank(o.getKnownIssues()) ? "" : o.getKnownIssues(),
        o.getKnownIssuesReloadMinutes(),
        o.getHistoryRetentionDays(),
        seedTable(o),
        o.getSeedHistoryDays(),
        o.as(HistorySeedOptions.class).getHistorySeedQuery(),
        reportRenderer(o),
        o.getReportMaxClusters(),
        o.getPostAggregationShards(),
        issueFiling(o),
        backfillCoverage(o));
  }

  /** Checks options that Beam's own validation cannot; throws with a message naming the option. */
  public static void validate(LogGardenerOptions o) {
    if (Severity.parseLenient(o.getMinSeverity()) == null) {
      throw new IllegalArgumentException(
          "--minSeverity="
              + o.getMinSeverity()
              + " is not a Cloud Logging severity; use one of "
              + java.util.Arrays.toString(Severity.values()));
    }
    if (o.getWindowMinutes() <= 0) {
      throw new IllegalArgumentException("--windowMinutes must be positive");
    }
    if (o.getEarlyFiringMinutes() < 0) {
      throw new IllegalArgumentException("--earlyFiringMinutes must be 0 or more");
    }
    if (o.getAllowedLatenessHours() < 0) {
      throw new IllegalArgumentException("--allowedLatenessHours must be 0 or more");
    }
    if (o.getPostAggregationBatchSeconds() < 0) {
      throw new IllegalArgumentException("--postAggregationBatchSeconds must be 0 or more");
    }
    if (o.getClusterShards() < 1) {
      throw new IllegalArgumentException("--clusterShards must be at least 1");
    }
    if (o.getTraceGapMillis() < 0) {
      throw new IllegalArgumentException("--traceGapMillis must be 0 or more");
    }
    if (o.getMaxTraceLines() < 1 || o.getMaxTraceChars() < 1) {
      throw new IllegalArgumentException("--maxTraceLines and --maxTraceChars must be at least 1");
    }
    if (o.getCascadeWindowSeconds() <= 0) {
      throw new IllegalArgumentException("--cascadeWindowSeconds must be positive");
    }
    if (o.getCascadeMaxClusters() < 1) {
      throw new IllegalArgumentException("--cascadeMaxClusters must be at least 1");
    }
    if (o.getReportMaxClusters() < 1) {
      throw new IllegalArgumentException("--reportMaxClusters must be at least 1");
    }
    if (o.getPostAggregationShards() < 1) {
      throw new IllegalArgumentException("--postAggregationShards must be at least 1");
    }
    if (o.getSeedHistoryDays() < 0) {
      throw new IllegalArgumentException("--seedHistoryDays must be 0 or more");
    }
    if (o.getDedupRetentionMinutes() < 1) {
      throw new IllegalArgumentException("--dedupRetentionMinutes must be at least 1");
    }
    if (o.getHistoryRetentionDays() < 1) {
      throw new IllegalArgumentException("--historyRetentionDays must be at least 1");
    }
    if (o.getInput() == null || o.getInput().isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    String input = o.getInput();
    boolean glob = input.contains("*") || input.contains("?") || input.contains("[");
    boolean readsExport =
        "export".equals(o.getSource())
            && isBlank(o.getInputSubscription())
            && isBlank(o.getInputTopic());
    if (readsExport
        && !input.contains("://")
        && !glob
        && !java.nio.file.Files.exists(java.nio.file.Paths.get(input))) {
      // Found at construction, not minutes later inside a worker's stack trace.
      throw new IllegalArgumentException("--input=" + input + ": no such file or directory");
    }
    if (backfillCoverage(o) != null && !readsExport) {
      throw new IllegalArgumentException(
          "--backfillCoverage is for a backfill (a batch run over an export), not a stream");
    }
    // Google Cloud options (Pub/Sub, BigQuery, report prefix).
    GoogleCloudIoValidation.validate(o);
  }

  /** {@code --backfillCoverage}, parsed; null when not given. */
  static WindowCoverage backfillCoverage(LogGardenerOptions o) {
    if (isBlank(o.getBackfillCoverage())) {
      return null;
    }
    try {
      return WindowCoverage.parse(o.getBackfillCoverage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--backfillCoverage: " + e.getMessage(), e);
    }
  }

  /**
   * The known-issues registry, read now (so a bad file stops the launch); a streaming job re-reads
   * it every {@code --knownIssuesReloadMinutes}. Empty when none is named.
   */
  public KnownIssuesSource knownIssues(boolean streaming) {
    if (knownIssuesPath.isEmpty()) {
      return KnownIssuesSource.fixed(KnownIssues.empty());
    }
    long reload = streaming ? knownIssuesReloadMinutes * 60_000L : 0L;
    return KnownIssuesSource.reloading(knownIssuesPath, reload);
  }

  /**
   * {@code --outputTable} when history is to be seeded from what {@code clusters_latest} beside it
   * says earlier runs counted in the last {@code --seedHistoryDays} days, so a relaunch does not
   * find every ongoing signature NEW; empty without a table or days.
   */
  private static String seedTable(LogGardenerOptions o) {
    if (isBlank(o.getOutputTable()) || o.getSeedHistoryDays() <= 0) {
      return "";
    }
    return o.getOutputTable();
  }

  private static ReportRenderer reportRenderer(LogGardenerOptions o) {
    String template = o.getReportTemplate();
    if (template == null || template.isBlank()) {
      return ReportRenderer.withDefaultTemplate();
    }
    return ReportRenderer.fromTemplateText(template, ConfigFiles.read(template, o));
  }

  static IssueFilingConfig issueFiling(LogGardenerOptions o) {
    IssueFilingConfig config =
        new IssueFilingConfig(
                o.getGithubRepo(), o.getGithubApiUrl(), o.getGithubTokenEnv(), 4, 1000, 1000)
            .withRateBound(o.getGithubFilingsPerMinute(), filingWorkers(o))
            .withTimeout(githubTimeout(o));
    String secret = o.getGithubTokenSecret();
    return secret == null || secret.isBlank()
        ? config
        : config.withTokenSource(new SecretManagerTokenSource(secret));
  }

  /** {@code --githubTimeoutSeconds}, which must be positive. */
  static java.time.Duration githubTimeout(LogGardenerOptions o) {
    if (o.getGithubTimeoutSeconds() < 1) {
      throw new IllegalArgumentException(
          "--githubTimeoutSeconds must be at least 1, not " + o.getGithubTimeoutSeconds());
    }
    return java.time.Duration.ofSeconds(o.getGithubTimeoutSeconds());
  }

  /**
   * How many workers may file at once, to split the global filing rate among: {@code
   * --githubFilingWorkers}, else Dataflow's {@code --maxNumWorkers}, or {@code --numWorkers}
   * without autoscaling; an autoscaling Dataflow job with no ceiling may grow to 100 workers
   * (Streaming Engine's default ceiling), so each gets a hundredth.
   */
  static int filingWorkers(LogGardenerOptions o) {
    if (o.getGithubFilingWorkers() > 0) {
      return o.getGithubFilingWorkers();
    }
    if (!o.getRunner().getSimpleName().startsWith("Dataflow")) {
      return 1;
    }
    DataflowPipelineWorkerPoolOptions pool = o.as(DataflowPipelineWorkerPoolOptions.class);
    if (pool.getMaxNumWorkers() > 0) {
      return pool.getMaxNumWorkers();
    }
    boolean fixed =
        pool.getAutoscalingAlgorithm()
            == DataflowPipelineWorkerPoolOptions.AutoscalingAlgorithmType.NONE;
    return fixed && pool.getNumWorkers() > 0
        ? pool.getNumWorkers()
        : Math.max(100, pool.getNumWorkers());
  }

  /** The policy named by {@code --priorityPolicy}, validated now so mistakes stop the launch. */
  private static PriorityPolicy priorityPolicy(LogGardenerOptions o) {
    String path = o.getPriorityPolicy();
    if (path == null || path.isBlank()) {
      return PriorityPolicy.bundled();
    }
    return PriorityPolicy.parse(ConfigFiles.read(path, o), path);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
