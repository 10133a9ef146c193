package dev.loggardener.flink;

import dev.loggardener.pipeline.Main;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the Flink jar: the same commands as {@link Main}, with Flink defaults added to
 * {@code run}: {@code --runner=FlinkRunner} unless another runner is named (an embedded
 * mini-cluster, what {@code gardener run} uses by default for files), {@code --fasterCopy=true} (no
 * deep copy of every element between chained operators), {@code --reIterableGroupByKeyResult=true}
 * (a join of more than 10,000 values per key needs it), {@code --autoWatermarkInterval=200}
 * (Flink's default, named), and a local state directory. File input runs on Beam's batch (DataSet)
 * translation unless {@code --streaming=true} is given: the streaming translation gives identical
 * rows, but measured no faster on a quiet machine (38.5 s against 34.6 s for 200,000 entries) and
 * peaked at twice the heap for 1,000,000, because its state lives on the heap. When checkpointing
 * is on ({@code --checkpointingInterval}) and no state backend is named, Flink would keep
 * checkpoints in the JobManager's memory, where a crashed process loses them; here they go to the
 * {@code filesystem} backend under {@code <output>/flink-state}, so a local run keeps its state in
 * a local directory. Everything else is Beam's FlinkRunner options ({@code --flinkMaster}, {@code
 * --parallelism}, {@code --stateBackend}, ...), unchanged.
 */
public final class FlinkMain {
  private FlinkMain() {}

  public static void main(String[] args) throws Exception {
    Main.main(withFlinkDefaults(args));
  }

  /** The arguments with the local state directory added where the user left it open. */
  static String[] withFlinkDefaults(String[] args) {
    boolean run = args.length == 0 || args[0].equals("run") || args[0].startsWith("--");
    if (!run) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args));
    if (!has(args, "runner")) {
      // This jar exists to run on Flink: `gardener run` uses it by default for files.
      out.add("--runner=FlinkRunner");
    }
    if (!has(args, "fasterCopy")) {
      // Otherwise Flink deep-copies every element between chained operators through its coder;
      // Beam forbids DoFns to mutate their inputs (the DirectRunner checks it in our tests).
      out.add("--fasterCopy=true");
    }
    if (!has(args, "reIterableGroupByKeyResult")) {
      // Flink's batch translation hands a group over as an iterable that can be read once, and
      // Beam's CoGbkResult reads a key's values again once it holds more than 10,000: cascade
      // linking joins a service's rows of a window with their analysis, so a service with more
      // than about 10,000 clusters in a window failed the whole run. Groups are then kept as a
      // list, which that join holds in memory anyway.
      out.add("--reIterableGroupByKeyResult=true");
    }
    if (!has(args, "autoWatermarkInterval")) {
      // Flink's own default, named: left unset, Beam's unbounded-source reader warns about it at
      // the start of every streaming run.
      out.add("--autoWatermarkInterval=200");
    }
    if (!has(args, "flinkConfDir") && System.getenv("FLINK_CONF_DIR") == null) {
      // One element of the grouping stage holds a service's clusters of a window (megabytes with
      // thousands of signatures); Flink's batch sorter fails on a record larger than one sort
      // buffer unless its large-record handler spills such records.
      out.add("--flinkConfDir=" + defaultConfDir());
    }
    String output = value(args, "--output=", "gardener-out");
    if (has(args, "checkpointingInterval")
        && !has(args, "stateBackend")
        && !has(args, "stateBackendStoragePath")
        && !output.contains("://")) {
      out.add("--stateBackend=filesystem");
      out.add(
          "--stateBackendStoragePath=" + Paths.get(output, "flink-state").toAbsolutePath().toUri());
    }
    return out.toArray(new String[0]);
  }

  /** Flink settings every local run needs; a temporary directory, as Flink reads a file. */
  static String defaultConfDir() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gardener-flink-conf");
      java.nio.file.Path conf = dir.resolve("flink-conf.yaml");
      java.nio.file.Files.writeString(conf, LOCAL_FLINK_CONF);
      conf.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the local Flink configuration", e);
    }
  }

  static final String LOCAL_FLINK_CONF = "taskmanager.runtime.large-record-handler: true\n";

  /**
   * Whether the run names the option, as {@code --name=value} or, for a boolean, bare {@code
   * --name}.
   */
  private static boolean has(String[] args, String option) {
    for (String a : args) {
      if (a.equals("--" + option) || a.startsWith("--" + option + "=")) {
        return true;
      }
    }
    return false;
  }

  private static String value(String[] args, String prefix, String fallback) {
    for (String a : args) {
      if (a.startsWith(prefix)) {
        return a.substring(prefix.length());
      }
    }
    return fallback;
  }
}
