package dev.loggardener.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

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
    long rate = 1000;
    long duration = -1;
    int signatures = 1000;
    double errorRatio = 0.125;
    long seed = 20250916L;
    int services = 1;
    int windowMinutes = 60;
    for (String a : args) {
      String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
      if (a.startsWith("--ratePerSecond=")) {
        rate = Long.parseLong(v);
      } else if (a.startsWith("--durationSeconds=")) {
        duration = Long.parseLong(v);
      } else if (a.startsWith("--signatures=")) {
        signatures = Integer.parseInt(v);
      } else if (a.startsWith("--errorRatio=")) {
        errorRatio = Double.parseDouble(v);
      } else if (a.startsWith("--seed=")) {
        seed = Long.parseLong(v);
      } else if (a.startsWith("--syntheticServices=")) {
        services = Integer.parseInt(v);
      } else if (a.startsWith("--windowMinutes=")) {
        windowMinutes = Integer.parseInt(v);
      } else {
        err.println("unknown argument: " + a);
        err.println(USAGE);
        return 2;
      }
    }
    if (duration <= 0 || rate <= 0 || services < 1 || windowMinutes < 1) {
      err.println("--durationSeconds and --ratePerSecond must be positive, --syntheticServices "
          + "and --windowMinutes at least 1");
      err.println(USAGE);
      return 2;
    }
    SyntheticLogEntries entries =
        SyntheticLogEntries.of(seed, signatures, errorRatio, rate, services);
    for (Map.Entry<String, long[]> e :
        count(entries, Math.multiplyExact(rate, duration), windowMinutes).entrySet()) {
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
          + "[--signatures=1000] [--errorRatio=0.125] [--syntheticServices=1] [--seed=20250916] "
          + "[--windowMinutes=60]";

  /**
   * Counts per "window start TAB service": {entries, warnings and errors, hot}, for entries 0 to
   * {@code total - 1}, in fixed windows of {@code windowMinutes} from the epoch as the pipeline's.
   */
  static Map<String, long[]> count(SyntheticLogEntries entries, long total, int windowMinutes) {
    long windowMillis = windowMinutes * 60_000L;
    Map<String, long[]> out = new TreeMap<>();
    for (long i = 0; i < total; i++) {
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
