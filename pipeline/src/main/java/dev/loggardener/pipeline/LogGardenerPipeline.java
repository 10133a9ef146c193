package dev.loggardener.pipeline;

import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cascade.LinkCascades;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.RunKind;
import dev.loggardener.history.KnownIssues;
import dev.loggardener.history.KnownIssuesSource;
import dev.loggardener.history.TrackSignatureHistory;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.Severity;
import dev.loggardener.multiline.ReassembleSplitTraces;
import dev.loggardener.multiline.TraceLimits;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.io.ConfigFiles;
import dev.loggardener.pipeline.io.HistorySeedFromBigQuery;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import dev.loggardener.pipeline.io.LogSinks;
import dev.loggardener.pipeline.io.LogSources;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.priority.PriorityPolicy;
import dev.loggardener.report.ReportRenderer;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignatureRulesFile;
import dev.loggardener.cluster.AggregateClusters;
import dev.loggardener.report.BuildReports;
import dev.loggardener.cluster.DeduplicateEntries;
import dev.loggardener.issues.DraftAndFileIssues;
import dev.loggardener.issues.IssueFilingConfig;
import dev.loggardener.filter.FilterBySeverity;
import dev.loggardener.grouping.GroupSignatures;
import dev.loggardener.ingest.ParseFilterSign;
import dev.loggardener.cluster.PrioritizeClusters;
import dev.loggardener.signature.SignEntries;
import dev.loggardener.cluster.StampRun;
import dev.loggardener.ingest.SumEntriesPerService;
import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * The Log Gardener pipeline, top to bottom as the data flows: read an export, parse, filter by
 * severity and sign each entry in one step (lines of a stack trace split one per entry are
 * reassembled first, on their own path), window by event hour, drop duplicate deliveries,
 * aggregate clusters, group signatures that differ only at learned variable positions, link
 * cascades, track history,
 * render reports, and write rows, reports and dead letters. Every step has a fixed name so a
 * running streaming job can be updated in place.
 */
public final class LogGardenerPipeline {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(LogGardenerPipeline.class);

  private LogGardenerPipeline() {}

  /** The stages' outputs, for callers (tests, other sinks) that want to attach to them. */
  public static final class Outputs {
    public final PCollection<ClusterRow> clusterRows;
    public final PCollection<KV<String, String>> reports;
    public final PCollection<DeadLetter> deadLetters;
    /** Issue drafts: relative path under issues/ and markdown. */
    public final PCollection<KV<String, String>> issueDrafts;

    Outputs(
        PCollection<ClusterRow> clusterRows,
        PCollection<KV<String, String>> reports,
        PCollection<DeadLetter> deadLetters,
        PCollection<KV<String, String>> issueDrafts) {
      this.clusterRows = clusterRows;
      this.reports = reports;
      this.deadLetters = deadLetters;
      this.issueDrafts = issueDrafts;
    }
  }

  /** Checks options that Beam's own validation cannot; throws with a message naming the option. */
  public static void validate(LogGardenerOptions o) {
    if (Severity.parseLenient(o.getMinSeverity()) == null) {
      throw new IllegalArgumentException(
          "--minSeverity=" + o.getMinSeverity() + " is not a Cloud Logging severity; use one of "
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
    if (o.getClusterShards() < 1) {
      throw new IllegalArgumentException("--clusterShards must be at least 1");
    }
    if (o.getTraceGapMillis() < 0) {
      throw new IllegalArgumentException("--traceGapMillis must be 0 or more");
    }
    if (o.getMaxTraceLines() < 1 || o.getMaxTraceChars() < 1) {
      throw new IllegalArgumentException("--maxTraceLines and --maxTraceChars must be at least 1");
    }
    // Gardener options.
    if (o.getCascadeWindowSeconds() <= 0) {
      throw new IllegalArgumentException("--cascadeWindowSeconds must be positive");
    }
    if (o.getCascadeMaxClusters() < 1) {
      throw new IllegalArgumentException("--cascadeMaxClusters must be at least 1");
    }
    if (o.getReportMaxClusters() < 1) {
      throw new IllegalArgumentException("--reportMaxClusters must be at least 1");
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
    if (readsExport && !input.contains("://") && !glob
        && !java.nio.file.Files.exists(java.nio.file.Paths.get(input))) {
      // Found at construction, not minutes later inside a worker's stack trace.
      throw new IllegalArgumentException("--input=" + input + ": no such file or directory");
    }
    // Google Cloud options (Pub/Sub, BigQuery, report prefix).
    dev.loggardener.pipeline.io.GoogleCloudIoValidation.validate(o);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  public static WindowingConfig windowing(LogGardenerOptions o) {
    return WindowingConfig.of(
        Duration.standardMinutes(o.getWindowMinutes()),
        Duration.standardMinutes(o.getEarlyFiringMinutes()),
        Duration.standardHours(o.getAllowedLatenessHours()));
  }

  /** Reads the source the options name, processes it and writes every output. */
  public static Outputs build(Pipeline p, LogGardenerOptions o) {
    validate(o);
    PCollection<RawRecord> records = LogSources.read(p, o);
    Outputs outputs = process(records, o);
    LogSinks.write(outputs, o);
    return outputs;
  }

  /** Everything between a source of raw records and the sinks; shared by every source. */
  public static Outputs process(PCollection<RawRecord> records, LogGardenerOptions o) {
    return process(records, o, null);
  }

  /**
   * As {@link #process(PCollection, LogGardenerOptions)}, reading the history seed through {@code
   * bigQueryServices} (tests pass Beam's fakes; null means Google's).
   */
  public static Outputs process(
      PCollection<RawRecord> records, LogGardenerOptions o, BigQueryServices bigQueryServices) {
    validate(o);
    WindowingConfig windowing = windowing(o);

    // Read once here, so a broken rules file fails the launch with its line number.
    SignatureRules rules = SignatureRulesFile.read(o.getSignatureRules());
    Severity minSeverity = Severity.parseLenient(o.getMinSeverity());

    // Parse, filter and sign in one step: only compact signed entries travel on, apart from the
    // few lines that may belong to a stack trace split one line per entry.
    PCollectionTuple fused =
        records.apply(
            "ParseFilterSign",
            ParseFilterSign.atLeast(minSeverity, windowing.windowSize()).withRules(rules));

    // Before the filter: the frame lines of a split traceback would not pass it on their own.
    PCollectionTuple signedTraces =
        fused
            .get(ParseFilterSign.TRACE_LINES)
            .apply("ReassembleSplitTraces", ReassembleSplitTraces.linesWithin(traceLimits(o)))
            .apply("FilterBySeverity", FilterBySeverity.atLeast(minSeverity).withIgnoreRules(rules))
            .apply("SignEntries", SignEntries.create().withRules(rules));

    PCollection<SignedEntry> unique =
        PCollectionList.of(
                fused
                    .get(ParseFilterSign.SIGNED)
                    .apply("WindowSignedEntries", WindowIntoHours.<SignedEntry>of(windowing)))
            .and(
                signedTraces
                    .get(SignEntries.SIGNED)
                    .apply("WindowSignedTraces", WindowIntoHours.<SignedEntry>of(windowing)))
            .apply(
                "DeduplicateEntries",
                DeduplicateEntries.create()
                    .withRetention(Duration.standardMinutes(o.getDedupRetentionMinutes()))
                    .ofEach());

    PriorityPolicy policy = priorityPolicy(o);
    PCollection<KV<ClusterRow, ClusterStats>> fine =
        unique.apply(
            "AggregateClusters",
            AggregateClusters.create()
                .withHotKeyFanout(o.getHotKeyFanout())
                .withPriorityPolicy(policy)
                .withStats());

    // Issue 10: one row per group of templates that differ only at learned variable positions;
    // every stage below keys by its group id.
    PCollection<KV<ClusterRow, CascadeEvidence>> clusters =
        fine.apply(
            "GroupSignatures", GroupSignatures.with(policy).learning(o.getGroupSignatures()));

    // Gardener (issue 6): link each window's clusters into cascades, then status vs history.
    // LinkCascades emits a cluster's row only when it changed (emit_seq); StampRun says which
    // launch wrote it (run_id), so readers can combine a relaunch or a backfill with earlier rows.
    boolean streaming = records.isBounded() == PCollection.IsBounded.UNBOUNDED;
    PCollection<ClusterRow> rows =
        clusters
            .apply(
                "LinkCascades",
                LinkCascades.within(o.getCascadeWindowSeconds())
                    .withMaxClusters(o.getCascadeMaxClusters()))
            .apply("StampRun", StampRun.as(runId(o), streaming ? RunKind.STREAM : RunKind.BATCH))
            .apply("TrackSignatureHistory", history(records, o, bigQueryServices))
            .apply("PrioritizeClusters", PrioritizeClusters.with(policy));

    PCollection<KV<String, Long>> entriesRead =
        fused
            .get(ParseFilterSign.ENTRIES_READ)
            .apply("WindowAllEntries", WindowIntoHours.<KV<String, Long>>of(windowing))
            .apply("CountEntriesPerService", SumEntriesPerService.create());

    PCollection<KV<String, String>> reports =
        PCollectionTuple.of(BuildReports.ROWS, rows)
            .and(BuildReports.ENTRIES_READ, entriesRead)
            .apply(
                "BuildReports",
                BuildReports.using(reportRenderer(o)).withMaxClusters(o.getReportMaxClusters()));

    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(fused.get(ParseFilterSign.DEAD_LETTERS))
            .and(signedTraces.get(SignEntries.DEAD_LETTERS))
            .apply("FlattenDeadLetters", Flatten.pCollections());

    PCollection<KV<String, String>> issueDrafts =
        rows.apply("DraftAndFileIssues", DraftAndFileIssues.with(issueFiling(o)));

    return new Outputs(rows, reports, deadLetters, issueDrafts);
  }

  /**
   * History against the registry, seeded (issue 11, defect 5) with what earlier runs wrote to
   * {@code --outputTable} in the last {@code --seedHistoryDays} days, so a relaunch does not find
   * every ongoing signature NEW. Reading the table needs {@code --tempLocation} (an export job);
   * without it, or without a table, history starts empty, as before.
   */
  static TrackSignatureHistory history(
      PCollection<RawRecord> records, LogGardenerOptions o, BigQueryServices services) {
    TrackSignatureHistory history =
        TrackSignatureHistory.with(
                knownIssues(o, records.isBounded() == PCollection.IsBounded.UNBOUNDED))
            .retainingDays(o.getHistoryRetentionDays());
    if (isBlank(o.getOutputTable()) || o.getSeedHistoryDays() <= 0) {
      return history;
    }
    if (isBlank(o.getTempLocation())) {
      LOG.warn("--seedHistoryDays needs --tempLocation to read {}; history starts empty",
          o.getOutputTable());
      return history;
    }
    java.time.Instant since =
        java.time.Instant.now().minus(java.time.Duration.ofDays(o.getSeedHistoryDays()));
    return history.seededWith(
        records.getPipeline()
            .apply("SeedHistory", HistorySeedFromBigQuery.of(o.getOutputTable(), since, services)));
  }

  /** {@code --runId}, or a new one from the launch time, set on the options so it is logged once. */
  static String runId(LogGardenerOptions o) {
    String id = o.getRunId();
    if (id == null || id.isBlank()) {
      id = StampRun.newRunId(java.time.Instant.now());
      o.setRunId(id);
    }
    return id;
  }

  static TraceLimits traceLimits(LogGardenerOptions o) {
    return TraceLimits.of(o.getTraceGapMillis(), o.getMaxTraceLines(), o.getMaxTraceChars());
  }

  /**
   * The known-issues registry named by --knownIssues, read now (so a bad file stops the launch);
   * a streaming job re-reads it every --knownIssuesReloadMinutes. Empty when none is named.
   */
  static KnownIssuesSource knownIssues(LogGardenerOptions o, boolean streaming) {
    String path = o.getKnownIssues();
    if (path == null || path.isBlank()) {
      return KnownIssuesSource.fixed(KnownIssues.empty());
    }
    long reload = streaming ? o.getKnownIssuesReloadMinutes() * 60_000L : 0L;
    return KnownIssuesSource.reloading(path, reload);
  }

  static ReportRenderer reportRenderer(LogGardenerOptions o) {
    String template = o.getReportTemplate();
    if (template == null || template.isBlank()) {
      return ReportRenderer.withDefaultTemplate();
    }
    return ReportRenderer.fromTemplateText(template, ConfigFiles.read(template, o));
  }

  static IssueFilingConfig issueFiling(LogGardenerOptions o) {
    IssueFilingConfig config =
        new IssueFilingConfig(
            o.getGithubRepo(), o.getGithubApiUrl(), o.getGithubTokenEnv(), 4, 1000, 1000);
    String secret = o.getGithubTokenSecret();
    return secret == null || secret.isBlank()
        ? config
        : config.withTokenSource(new dev.loggardener.pipeline.io.SecretManagerTokenSource(secret));
  }

  /** The policy named by {@code --priorityPolicy}, validated now so mistakes stop the launch. */
  static PriorityPolicy priorityPolicy(LogGardenerOptions o) {
    String path = o.getPriorityPolicy();
    if (path == null || path.isBlank()) {
      return PriorityPolicy.bundled();
    }
    return PriorityPolicy.parse(ConfigFiles.read(path, o), path);
  }
}
