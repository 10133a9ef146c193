package dev.loggardener.pipeline;

import dev.loggardener.pipeline.cli.DdlCommand;
import dev.loggardener.pipeline.cli.GenerateCommand;
import dev.loggardener.pipeline.cli.PublishCommand;
import dev.loggardener.pipeline.cli.SignatureCommand;
import dev.loggardener.pipeline.cli.SyntheticCountsCommand;
import dev.loggardener.pipeline.io.LogSources;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Command-line entry point of the bundled jar: {@code run} (the pipeline; the default), {@code
 * signature} (print the signature of messages read from standard input) and {@code generate} (a
 * synthetic Cloud Run export for demos and benchmarks). When launched as a Dataflow Flex Template
 * it returns right after submitting, as templates require.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    quietLogging();
    String command = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
    String[] rest =
        args.length == 0 || args[0].startsWith("--")
            ? args
            : Arrays.copyOfRange(args, 1, args.length);
    int code;
    switch (command) {
      case "run":
        try {
          code = run(FlexTemplateLaunch.withDefaultRunner(rest, System.getenv()), System.out);
        } catch (IllegalArgumentException e) {
          // Option and input mistakes are the user's to fix: say what, without a stack trace.
          System.err.println("gardener: " + e.getMessage());
          code = 2;
        }
        break;
      // Google Cloud: BigQuery DDL from the schema files, and replaying an export into Pub/Sub.
      case "ddl":
        code = DdlCommand.run(rest, System.out, System.err);
        break;
      case "publish":
        code = PublishCommand.run(rest, System.out, System.err);
        break;
      case "signature":
        code = SignatureCommand.run(rest, System.in, System.out, System.err);
        break;
      case "generate":
        code = GenerateCommand.run(rest, System.out, System.err);
        break;
      case "synthetic-counts":
        code = SyntheticCountsCommand.run(rest, System.out, System.err);
        break;
      case "help":
      case "-h":
      case "--help":
        usage(System.out);
        code = 0;
        break;
      default:
        System.err.println("unknown command: " + command);
        usage(System.err);
        code = 2;
    }
    // Runner and client libraries can leave non-daemon threads behind; they must not hold the
    // process open for seconds after the work is done.
    System.out.flush();
    System.exit(code);
  }

  /**
   * Beam logs every file it opens at INFO; a user running a local job wants the summary, so library
   * logging starts at WARNING unless {@code -Dgardener.verbose=true}. Public for the Flink jar's
   * tests, which check that a run logs nothing a user need not read.
   */
  public static void quietLogging() {
    if (!Boolean.getBoolean("gardener.verbose")) {
      java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
      root.setLevel(java.util.logging.Level.WARNING);
      for (java.util.logging.Handler h : root.getHandlers()) {
        h.setLevel(java.util.logging.Level.WARNING);
      }
      for (String name : QUIETER) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        QUIETED.add(logger);
      }
    }
  }

  /**
   * Flink's mini-cluster warns about every operator name over 80 characters (all of Beam's: 344
   * lines for one run of the sample), about log files a web dashboard would show and about
   * delegation tokens, none of which an embedded run has: noise that buries the summary. These are
   * the loggers' names (not the classes that log: Flink 1.19's metric groups log through {@code
   * org.apache.flink.metrics.MetricGroup}).
   */
  private static final String[] QUIETER = {
    "org.apache.flink.metrics.MetricGroup",
    "org.apache.flink.runtime.webmonitor.WebMonitorUtils",
    "org.apache.flink.runtime.security.token"
  };

  // java.util.logging keeps loggers weakly: a level set on a collected logger is lost.
  private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

  static void usage(PrintStream out) {
    out.println(
        "usage: gardener run [--input=EXPORT] [--output=DIR] [--minSeverity=WARNING] [Beam options]");
    out.println("       gardener signature [--format=lines|logentry] < messages");
    out.println(
        "       gardener generate --output=FILE [--entries=N] [--seed=S] [--signatures=K] [--format=json|ndjson]");
    out.println(
        "       gardener synthetic-counts --durationSeconds=D [--ratePerSecond=R] [--syntheticServices=N] ...");
    out.println("       gardener ddl [--project=P] [--dataset=D] [--partitionExpirationDays=400]");
    out.println("       gardener publish --input=EXPORT --topic=projects/P/topics/T");
    out.println("Run `gardener run --help=LogGardenerOptions` for every pipeline option.");
  }

  /** Builds and runs the pipeline; blocks and prints a summary when the runner is local. */
  public static int run(String[] args, PrintStream out) {
    long started = System.nanoTime();
    PipelineOptionsFactory.register(LogGardenerOptions.class);
    LogGardenerOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(LogGardenerOptions.class);
    boolean direct = options.getRunner() == null || options.getRunner() == DirectRunner.class;
    boolean local = direct || LocalRuns.isEmbeddedFlink(options.getRunner(), args);
    if (direct) {
      tuneDirectRunner(options, args);
    }
    // Settled here, before construction: building the pipeline reads the options, never sets them.
    if (LogSources.readsPubsub(options)) {
      options.as(StreamingOptions.class).setStreaming(true);
    }
    if (local) {
      clearLocalOutputs(options.getOutput());
    }
    Pipeline pipeline = Pipeline.create(options);
    LogGardenerPipeline.build(pipeline, options);
    long built = System.nanoTime();
    if (!local) {
      out.println("Submitted: " + pipeline.run().getState());
      return 0;
    }
    PipelineResult result;
    PipelineResult.State state;
    // Flink's run() blocks until the job ends, the DirectRunner's waitUntilFinish() does: the
    // reporter runs beside both.
    try (ProgressReporter progress =
        ProgressReporter.start(
            options.getProgressSeconds(),
            "export".equals(options.getSource())
                ? ProgressReporter.inputBytes(options.getInput())
                : 0,
            System.err)) {
      result = pipeline.run();
      state = result.waitUntilFinish();
    }
    removeEmptyTempDirs(options.getOutput());
    // On stderr, apart from the summary: benchmarks read it to separate start-up from the run.
    System.err.printf(
        "gardener: pipeline built in %.1f s, ran in %.1f s%n",
        (built - started) / 1e9, (System.nanoTime() - built) / 1e9);
    if (options.getPrintSummary()) {
      RunSummary.of(result).print(out, options.getOutput());
    }
    return state == PipelineResult.State.DONE ? 0 : 1;
  }

  /**
   * The DirectRunner's encodability and immutability checks copy every element; they catch bugs in
   * tests but only cost time in a user's run, unless the user asked for them. The same goes for
   * reading exports in chunks.
   */
  private static void tuneDirectRunner(LogGardenerOptions options, String[] args) {
    DirectOptions direct = options.as(DirectOptions.class);
    String joined = String.join(" ", args);
    if (!joined.contains("--readChunkMegabytes")) {
      // Chunks only pay on a runner that reads them in parallel without materializing them:
      // on the DirectRunner 200,000 entries took 152 s in 32 MB chunks and 84 s read whole.
      options.setReadChunkMegabytes(0);
    }
    if (!joined.contains("--enforceEncodability")) {
      direct.setEnforceEncodability(false);
    }
    if (!joined.contains("--enforceImmutability")) {
      direct.setEnforceImmutability(false);
    }
    if (!joined.contains("--targetParallelism")) {
      direct.setTargetParallelism(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  /**
   * A rerun into the same local folder must not mix in rows and reports of an earlier input, so the
   * files this program writes there (and only those) are removed first.
   */
  static void clearLocalOutputs(String output) {
    for (Path dir : localOutputFolders(output)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .sorted(Comparator.reverseOrder())
            .filter(p -> !p.equals(dir))
            .filter(p -> Files.isDirectory(p) || ownFile(p.getFileName().toString()))
            .forEach(Main::deleteQuietly);
      } catch (IOException e) {
        // Leaving old files is harmless compared with failing the run.
      }
    }
  }

  /**
   * Removes the empty {@code .temp-beam} directories Beam's file writes leave in each output folder
   * of a local run, so a user's folder holds only the results. A directory that still holds
   * anything (a failed run's temporary files) is kept.
   */
  static void removeEmptyTempDirs(String output) {
    for (Path dir : localOutputFolders(output)) {
      try (Stream<Path> children = Files.list(dir)) {
        children
            .filter(
                p -> p.getFileName().toString().startsWith(".temp-beam") && Files.isDirectory(p))
            .forEach(Main::deleteQuietly);
      } catch (IOException e) {
        // An empty temporary directory left behind is harmless.
      }
    }
  }

  /** The output folders a local run writes that exist; none for a remote output. */
  private static List<Path> localOutputFolders(String output) {
    List<Path> dirs = new ArrayList<>();
    if (output == null || output.contains("://")) {
      return dirs;
    }
    for (String sub : new String[] {"clusters", "reports", "deadletter", "issues"}) {
      Path dir = Paths.get(output, sub);
      if (Files.isDirectory(dir)) {
        dirs.add(dir);
      }
    }
    return dirs;
  }

  private static boolean ownFile(String name) {
    return name.endsWith(".jsonl") || name.endsWith(".md") || name.startsWith(".temp-beam");
  }

  private static void deleteQuietly(Path p) {
    try {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          if (s.findAny().isPresent()) {
            return;
          }
        }
      }
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // See clearLocalOutputs.
    }
  }
}
