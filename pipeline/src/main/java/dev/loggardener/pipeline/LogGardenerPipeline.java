package dev.loggardener.pipeline;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.SignedEntry;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.io.LogSinks;
import dev.loggardener.pipeline.io.LogSources;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.report.ReportRenderer;
import dev.loggardener.transforms.AggregateClusters;
import dev.loggardener.transforms.BuildReports;
import dev.loggardener.transforms.CountEntriesPerService;
import dev.loggardener.transforms.DeduplicateEntries;
import dev.loggardener.transforms.FilterBySeverity;
import dev.loggardener.transforms.ParseLogEntries;
import dev.loggardener.transforms.SignEntries;
import dev.loggardener.transforms.WindowIntoHours;
import dev.loggardener.transforms.WindowingConfig;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * The Log Gardener pipeline, top to bottom as the data flows: read an export, parse entries,
 * filter by severity, sign, window by event hour, drop duplicate deliveries, aggregate clusters,
 * render reports, and write rows, reports and dead letters. Every step has a fixed name so a
 * running streaming job can be updated in place.
 */
public final class LogGardenerPipeline {
  private LogGardenerPipeline() {}

  /** The stages' outputs, for callers (tests, other sinks) that want to attach to them. */
  public static final class Outputs {
    public final PCollection<ClusterRow> clusterRows;
    public final PCollection<KV<String, String>> reports;
    public final PCollection<DeadLetter> deadLetters;

    Outputs(
        PCollection<ClusterRow> clusterRows,
        PCollection<KV<String, String>> reports,
        PCollection<DeadLetter> deadLetters) {
      this.clusterRows = clusterRows;
      this.reports = reports;
      this.deadLetters = deadLetters;
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
    if (o.getInput() == null || o.getInput().isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    // Google Cloud options (Pub/Sub, BigQuery, report prefix).
    dev.loggardener.pipeline.options.GoogleCloudIoValidation.validate(o);
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
    validate(o);
    WindowingConfig windowing = windowing(o);

    PCollectionTuple parsed = records.apply("ParseLogEntries", ParseLogEntries.create());
    PCollection<LogEntry> entries = parsed.get(ParseLogEntries.ENTRIES);

    PCollection<LogEntry> kept =
        entries.apply(
            "FilterBySeverity",
            FilterBySeverity.atLeast(Severity.parseLenient(o.getMinSeverity())));

    PCollectionTuple signed = kept.apply("SignEntries", SignEntries.create());

    PCollection<SignedEntry> unique =
        signed
            .get(SignEntries.SIGNED)
            .apply("WindowSignedEntries", WindowIntoHours.<SignedEntry>of(windowing))
            .apply("DeduplicateEntries", DeduplicateEntries.create());

    PCollection<ClusterRow> rows =
        unique.apply(
            "AggregateClusters", AggregateClusters.create().withHotKeyFanout(o.getHotKeyFanout()));

    PCollection<KV<String, Long>> entriesRead =
        entries
            .apply("WindowAllEntries", WindowIntoHours.<LogEntry>of(windowing))
            .apply("CountEntriesPerService", CountEntriesPerService.create());

    PCollection<KV<String, String>> reports =
        PCollectionTuple.of(BuildReports.ROWS, rows)
            .and(BuildReports.ENTRIES_READ, entriesRead)
            .apply("BuildReports", BuildReports.using(reportRenderer(o)));

    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(parsed.get(ParseLogEntries.DEAD_LETTERS))
            .and(signed.get(SignEntries.DEAD_LETTERS))
            .apply("FlattenDeadLetters", Flatten.pCollections());

    return new Outputs(rows, reports, deadLetters);
  }

  static ReportRenderer reportRenderer(LogGardenerOptions o) {
    String template = o.getReportTemplate();
    if (template == null || template.isBlank()) {
      return ReportRenderer.withDefaultTemplate();
    }
    return ReportRenderer.fromTemplateFile(template);
  }
}
