package dev.loggardener.pipeline;

import dev.loggardener.beam.KeepCoveredWindows;
import dev.loggardener.beam.WindowCoverage;
import dev.loggardener.beam.WindowIntoHours;
import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.cascade.LinkCascades;
import dev.loggardener.cluster.AggregateClusters;
import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.DeduplicateEntries;
import dev.loggardener.cluster.PrioritizeClusters;
import dev.loggardener.cluster.RunKind;
import dev.loggardener.grouping.GroupSignatures;
import dev.loggardener.history.TrackSignatureHistory;
import dev.loggardener.ingest.EntryOutputs;
import dev.loggardener.ingest.FilterAndSign;
import dev.loggardener.ingest.ParseFilterSign;
import dev.loggardener.ingest.SignedOutputs;
import dev.loggardener.ingest.SumEntriesPerService;
import dev.loggardener.issues.DraftAndFileIssues;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.Severity;
import dev.loggardener.multiline.ReassembleSplitTraces;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.io.HistorySeedFromBigQuery;
import dev.loggardener.pipeline.io.LogSinks;
import dev.loggardener.pipeline.io.LogSources;
import dev.loggardener.pipeline.io.Outputs;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.priority.PriorityPolicy;
import dev.loggardener.report.BuildReports;
import dev.loggardener.report.BuildReportsInput;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignedEntry;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The Log Gardener pipeline, top to bottom as the data flows: read an export, parse, filter by
 * severity and sign each entry in one step (lines of a stack trace split one per entry are
 * reassembled first, on their own path), window by event hour, drop duplicate deliveries, aggregate
 * clusters, group signatures that differ only at learned variable positions, link cascades, track
 * history, render reports, and write rows, reports and dead letters. The options are read once,
 * into {@link GardenerSettings}. Every step has a fixed name so a running streaming job can be
 * updated in place.
 */
public final class LogGardenerPipeline {
  private LogGardenerPipeline() {}

  /** Reads the source the options name, processes it and writes every output. */
  public static Outputs build(Pipeline p, LogGardenerOptions o) {
    GardenerSettings settings = GardenerSettings.from(o);
    PCollection<RawRecord> records = LogSources.read(p, o);
    Outputs outputs = process(records, settings);
    LogSinks.write(outputs, o);
    return outputs;
  }

  /** Everything between a source of raw records and the sinks; shared by every source. */
  public static Outputs process(PCollection<RawRecord> records, LogGardenerOptions o) {
    return process(records, GardenerSettings.from(o));
  }

  /**
   * The stages in data-flow order, configured by {@code s}. The history seed is read through {@link
   * GardenerSettings#seedQuery} (tests set a fake on {@code HistorySeedOptions}).
   */
  public static Outputs process(PCollection<RawRecord> records, GardenerSettings s) {
    WindowingConfig windowing = s.windowing();
    SignatureRules rules = s.rules();
    Severity minSeverity = s.minSeverity();

    // Parse, filter and sign in one step: only compact signed entries travel on, apart from the
    // few lines that may belong to a stack trace split one line per entry.
    EntryOutputs entries =
        records.apply(
            "ParseFilterSign",
            ParseFilterSign.atLeast(minSeverity, windowing.windowSize()).withRules(rules));

    // Before the filter: the frame lines of a split traceback would not pass it on their own.
    SignedOutputs signedTraces =
        entries
            .traceLines()
            .apply("ReassembleSplitTraces", ReassembleSplitTraces.linesWithin(s.traceLimits()))
            .apply("FilterAndSign", FilterAndSign.atLeast(minSeverity).withRules(rules));

    PCollection<SignedEntry> unique =
        PCollectionList.of(
                entries
                    .signed()
                    .apply("WindowSignedEntries", WindowIntoHours.<SignedEntry>of(windowing)))
            .and(
                signedTraces
                    .signed()
                    .apply("WindowSignedTraces", WindowIntoHours.<SignedEntry>of(windowing)))
            .apply(
                "DeduplicateEntries",
                DeduplicateEntries.create().withRetention(s.dedupRetention()).ofEach());

    // A backfill that declared its coverage counts only the windows its export holds whole.
    boolean streaming = records.isBounded() == PCollection.IsBounded.UNBOUNDED;
    WindowCoverage coverage = s.backfillCoverage();
    if (coverage != null && streaming) {
      throw new IllegalArgumentException(
          "--backfillCoverage is for a backfill (a batch run over an export), not a stream");
    }
    if (coverage != null) {
      unique =
          unique.apply(
              "KeepCoveredWindows",
              KeepCoveredWindows.<SignedEntry>of(
                  coverage, KeepCoveredWindows.ENTRIES_OUTSIDE_COVERAGE));
    }

    PriorityPolicy policy = s.priorityPolicy();
    PCollection<KV<ClusterRow, ClusterStats>> fine =
        unique.apply(
            "AggregateClusters",
            AggregateClusters.create()
                .withHotKeyFanout(s.hotKeyFanout())
                .withPriorityPolicy(policy)
                .withStats());

    // What earlier runs wrote: it seeds the learned groups, the history and which windows were
    // already drafted, so a relaunch carries on where the drained job stopped.
    PCollection<ClusterRow> seed = seed(records, s);

    // One row per group of templates that differ only at learned variable positions; every
    // stage below keys by its group id.
    GroupSignatures grouping =
        GroupSignatures.with(policy)
            .learning(s.groupSignatures())
            .batchingFor(s.postAggregationBatch());
    PCollection<KV<ClusterRow, CascadeEvidence>> clusters =
        fine.apply("GroupSignatures", seed == null ? grouping : grouping.seededWith(seed));

    // Link each window's clusters into cascades, then status against history. LinkCascades emits
    // a cluster's row only when it changed (emit_seq), stamped with the run lineage (run_id: the
    // launch that started the window, kept through an update), so readers can combine a
    // relaunch or a backfill with earlier rows (docs/streaming.md).
    PCollection<ClusterRow> rows =
        clusters
            .apply(
                "LinkCascades",
                LinkCascades.within(s.cascadeWindowSeconds())
                    .withMaxClusters(s.cascadeMaxClusters())
                    .shardedBy(s.postAggregationShards())
                    .stampingRun(s.runId(), streaming ? RunKind.STREAM : RunKind.BATCH))
            .apply("TrackSignatureHistory", history(s, streaming, seed))
            .apply("PrioritizeClusters", PrioritizeClusters.with(policy));

    PCollection<KV<String, Long>> windowedRead =
        entries
            .entriesRead()
            .apply("WindowAllEntries", WindowIntoHours.<KV<String, Long>>of(windowing));
    if (coverage != null) {
      windowedRead =
          windowedRead.apply(
              "KeepCoveredReadCounts", KeepCoveredWindows.<KV<String, Long>>uncounted(coverage));
    }
    PCollection<KV<String, Long>> entriesRead =
        windowedRead.apply("CountEntriesPerService", SumEntriesPerService.create());

    PCollection<KV<String, String>> reports =
        BuildReportsInput.of(rows, entriesRead)
            .apply(
                "BuildReports",
                BuildReports.using(s.reportRenderer()).withMaxClusters(s.reportMaxClusters()));

    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(entries.deadLetters())
            .and(signedTraces.deadLetters())
            .apply("FlattenDeadLetters", Flatten.pCollections());

    PCollection<KV<String, String>> issueDrafts =
        rows.apply(
            "DraftAndFileIssues",
            seed == null
                ? DraftAndFileIssues.with(s.issueFiling())
                : DraftAndFileIssues.with(s.issueFiling()).skippingWindowsOf(seed));

    return new Outputs(rows, reports, deadLetters, issueDrafts);
  }

  /** History against the registry, seeded with {@code seed} (null: history starts empty). */
  static TrackSignatureHistory history(
      GardenerSettings s, boolean streaming, PCollection<ClusterRow> seed) {
    TrackSignatureHistory history =
        TrackSignatureHistory.with(s.knownIssues(streaming))
            .retainingDays(s.historyRetentionDays());
    return seed == null ? history : history.seededWith(seed);
  }

  /**
   * What earlier runs wrote to the output table in the last {@code --seedHistoryDays} days, or null
   * when the settings name no table to seed from: it seeds the history, the learned signature
   * groups and which windows were already drafted.
   */
  static PCollection<ClusterRow> seed(PCollection<RawRecord> records, GardenerSettings s) {
    if (s.seedTable().isEmpty()) {
      return null;
    }
    java.time.Instant since =
        java.time.Instant.now().minus(java.time.Duration.ofDays(s.seedHistoryDays()));
    return records
        .getPipeline()
        .apply("SeedHistory", HistorySeedFromBigQuery.of(s.seedTable(), since, s.seedQuery()));
  }
}
