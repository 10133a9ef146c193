package dev.loggardener.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loggardener.pipeline.io.ReadSyntheticLogs;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code gardener synthetic-counts}: what a {@code --source=synthetic} run with the same options
 * produced, counted from the generator alone: per (window, service), the entries and how many of
 * them are warnings or errors (the entries the pipeline must count in its clusters) and how many
 * carry the hot signature. A load test or soak compares its cluster rows with these numbers, so
 * "counts exact" is checked against the source and not against another run of the pipeline.
 */
public final class SyntheticCountsCommand {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SyntheticCountsCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    // The run's own options, defaults and checks: the counts describe exactly the run that the
    // same arguments start.
    LogGardenerOptions o;
    SyntheticLogEntries entries;
    try {
      o = PipelineOptionsFactory.fromArgs(args).as(LogGardenerOptions.class);
      entries = ReadSyntheticLogs.entries(o);
      if (o.getDurationSeconds() <= 0 || o.getWindowMinutes() < 1) {
        throw new IllegalArgumentException(
            "--durationSeconds must be positive (an endless run has no counts) and "
                + "--windowMinutes at least 1");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    long total = Math.multiplyExact(o.getRatePerSecond(), o.getDurationSeconds());
    long first = Math.multiplyExact(o.getRatePerSecond(), o.getSyntheticStartSeconds());
    for (Map.Entry<String, long[]> e :
        count(entries, first, total, o.getWindowMinutes()).entrySet()) {
      String[] key = e.getKey().split("\t", 2);
      ObjectNode row = MAPPER.createObjectNode();
      row.put("window_start", key[0]);
      row.put("service", key[1]);
      row.put("entries", e.getValue()[0]);
      row.put("warnings_and_errors", e.getValue()[1]);
      row.put("hot", e.getValue()[2]);
      out.println(MAPPER.writeValueAsString(row));
    }
    return 0;
  }

  static final String USAGE =
      "usage: gardener synthetic-counts --durationSeconds=D [--ratePerSecond=1000] "
          + "[--syntheticStartSeconds=0] [--signatures=1000] [--errorRatio=0.125] "
          + "[--syntheticServices=1] [--seed=20250916] "
          + "[--windowMinutes=60]";

  /**
   * Counts per "window start TAB service": {entries, warnings and errors, hot}, for entries {@code
   * first} to {@code total - 1}, in fixed windows of {@code windowMinutes} from the epoch as the
   * pipeline's.
   */
  static Map<String, long[]> count(
      SyntheticLogEntries entries, long first, long total, int windowMinutes) {
    long windowMillis = windowMinutes * 60_000L;
    Map<String, long[]> out = new TreeMap<>();
    for (long i = first; i < total; i++) {
      long t = entries.eventTime(i).toEpochMilli();
      String key =
          Instant.ofEpochMilli(t - Math.floorMod(t, windowMillis)) + "\t" + entries.service(i);
      long[] c = out.computeIfAbsent(key, k -> new long[3]);
      SyntheticLogEntries.Kind kind = entries.kind(i);
      c[0]++;
      if (kind != SyntheticLogEntries.Kind.NORMAL) {
        c[1]++;
      }
      if (kind == SyntheticLogEntries.Kind.HOT) {
        c[2]++;
      }
    }
    return out;
  }
}
