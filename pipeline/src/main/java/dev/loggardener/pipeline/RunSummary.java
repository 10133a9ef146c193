package dev.loggardener.pipeline;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.cluster.LatestRows;
import dev.loggardener.report.ClusterRanking;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counters of a finished run, read from Beam's metrics, and the collection summary printed at
 * the end of a local run (like the seed worklog's: entries read, errors and warnings kept,
 * clusters, the top clusters by priority).
 */
public final class RunSummary {
  private final Map<String, Long> counters;

  RunSummary(Map<String, Long> counters) {
    this.counters = counters;
  }

  /** Committed counter values where the runner supports them, attempted ones otherwise. */
  public static RunSummary of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> values = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      String namespace = c.getName().getNamespace();
      String name = c.getName().getName();
      long v = value(c);
      if (GardenerCounters.NAMESPACE.equals(namespace)) {
        values.merge(name, v, Long::sum);
      } else if (GardenerCounters.RUNNER_DROPPED_DUE_TO_LATENESS.equalsIgnoreCase(name)) {
        values.merge("dropped_too_late", v, Long::sum);
      }
    }
    return new RunSummary(values);
  }

  private static long value(MetricResult<Long> c) {
    try {
      Long committed = c.getCommitted();
      return committed == null ? c.getAttempted() : committed;
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /**
   * Every way an entry read can end: kept for clustering, filtered by severity or by a rule, a
   * duplicate, merged into a reassembled trace, or dead-lettered. Equals {@code entries_read} when
   * nothing was lost; the run summary says so.
   */
  public long accountedFor() {
    return get(GardenerCounters.ENTRIES_KEPT)
        + get(GardenerCounters.ENTRIES_FILTERED)
        + get(GardenerCounters.ENTRIES_FILTERED_BY_RULE)
        + get(GardenerCounters.ENTRIES_DUPLICATE)
        + get(GardenerCounters.ENTRIES_MERGED_INTO_TRACES)
        + get(GardenerCounters.DEAD_LETTERED);
  }

  public Map<String, Long> counters() {
    return counters;
  }

  /** Dead letters per reason, e.g. {not_json=2}. */
  public Map<String, Long> deadLettersByReason() {
    Map<String, Long> byReason = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith(GardenerCounters.DEAD_LETTERED_PREFIX) && v > 0) {
            byReason.put(k.substring(GardenerCounters.DEAD_LETTERED_PREFIX.length()), v);
          }
        });
    return byReason;
  }

  public void print(PrintStream out, String outputDir) {
    out.println();
    out.println("Log Gardener: collection summary");
    line(out, "entries read", get(GardenerCounters.ENTRIES_READ));
    line(out, "parsed", get(GardenerCounters.ENTRIES_PARSED));
    line(out, "errors/warnings kept", get(GardenerCounters.ENTRIES_KEPT));
    line(out, "  of which stderr error lines", get(GardenerCounters.ENTRIES_KEPT_STDERR));
    line(out, "filtered (below severity)", get(GardenerCounters.ENTRIES_FILTERED));
    line(out, "filtered (ignore rules)", get(GardenerCounters.ENTRIES_FILTERED_BY_RULE));
    line(out, "duplicates dropped", get(GardenerCounters.ENTRIES_DUPLICATE));
    line(out, "lines merged into traces", get(GardenerCounters.ENTRIES_MERGED_INTO_TRACES));
    line(out, "dead-lettered", get(GardenerCounters.DEAD_LETTERED));
    deadLettersByReason().forEach((reason, n) -> line(out, "  " + reason, n));
    line(out, "dropped as too late", get("dropped_too_late"));
    long outsideCoverage = get(dev.loggardener.beam.KeepCoveredWindows.ENTRIES_OUTSIDE_COVERAGE);
    if (outsideCoverage > 0) {
      // kept above, then left out: their windows are held only in part by --backfillCoverage
      line(out, "  of the kept, in windows the coverage holds in part", outsideCoverage);
    }
    line(out, "messages truncated", get(GardenerCounters.MESSAGES_TRUNCATED));
    long read = get(GardenerCounters.ENTRIES_READ);
    long unaccounted = read - accountedFor();
    out.println(
        unaccounted == 0
            ? "  every entry read is accounted for"
            : "  WARNING: " + unaccounted + " entries read are not accounted for");
    line(out, "cluster rows", get(GardenerCounters.CLUSTER_ROWS));
    long tombstones = get(GardenerCounters.CLUSTER_ROWS_SUPERSEDED);
    if (tombstones > 0) {
      // only when an early row was taken back, so a batch run prints what it always did
      line(out, "  of which tombstones", tombstones);
    }
    line(out, "reports", get(GardenerCounters.REPORTS));
    long learned = get(GardenerCounters.SIGNATURE_GROUPS_LEARNED);
    if (learned > 0) {
      // only when grouping merged something, so a run without groups prints what it always did
      line(out, "signature groups learned", learned);
      line(out, "signature rows before grouping", get(GardenerCounters.SIGNATURE_ROWS));
      line(out, "signatures grouped (rows)", get(GardenerCounters.SIGNATURES_GROUPED));
    }
    List<ClusterRow> finals = readLocalRows(outputDir);
    if (!finals.isEmpty()) {
      List<SummaryClusters.Line> top = SummaryClusters.of(finals);
      int windows = SummaryClusters.windows(finals);
      out.println();
      out.println(
          windows <= 1
              ? "Top clusters:"
              : "Top clusters over " + windows + " windows (counts summed per cluster):");
      int n = 0;
      for (SummaryClusters.Line l : top) {
        if (++n > 10) {
          out.printf("  … and %d more in %s/clusters%n", top.size() - 10, outputDir);
          break;
        }
        ClusterRow r = l.representative;
        String pattern = r.clusterTemplate().replace('\n', ' ');
        if (r.groupMemberIds().size() > 1) {
          pattern =
              "["
                  + r.groupMemberIds().size()
                  + (r.groupMemberIds().size() >= ClusterRow.MAX_GROUP_MEMBER_IDS ? "+" : "")
                  + " signatures] "
                  + pattern;
        }
        if (windows > 1) {
          pattern = String.format("%3d windows  %s", l.windows, pattern);
        }
        if (pattern.length() > 90) {
          pattern = pattern.substring(0, 89) + "…";
        }
        out.printf("  %s %6d  %-20s %s%n", l.priority, l.count, r.service(), pattern);
      }
    }
    out.println();
    out.println(
        "Outputs: "
            + outputDir
            + "/clusters, "
            + outputDir
            + "/reports, "
            + outputDir
            + "/deadletter");
  }

  private static void line(PrintStream out, String label, long value) {
    out.printf("  %-30s %,d%n", label, value);
  }

  /**
   * The final rows written to a local output folder that the view counts (each cluster's latest in
   * its lineage, tombstones left out), in report rank order; empty elsewhere.
   */
  static List<ClusterRow> readLocalRows(String outputDir) {
    List<ClusterRow> rows = new ArrayList<>();
    if (outputDir.contains("://")) {
      return rows;
    }
    Path dir = Paths.get(outputDir, "clusters");
    if (!Files.isDirectory(dir)) {
      return rows;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (!f.getFileName().toString().endsWith(".jsonl")) {
          continue;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            rows.add(ClusterRowJson.fromJson(line));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return new ArrayList<>();
    }
    // A stream can leave a cluster more than one final row (its cascade fields changed after the
    // closing pane) and final tombstones (count 0): list what the view counts.
    List<ClusterRow> finals = new ArrayList<>();
    for (ClusterRow r : LatestRows.perLineage(rows)) {
      if (r.isFinal() && !r.isTombstone()) {
        finals.add(r);
      }
    }
    finals.sort(ClusterRanking.ORDER);
    return finals;
  }
}
