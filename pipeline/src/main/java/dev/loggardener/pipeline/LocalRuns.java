package dev.loggardener.pipeline;

import org.apache.beam.sdk.PipelineRunner;

/**
 * Tells whether a run happens inside this process, so that {@code gardener run} waits for it,
 * clears its local output folder first and prints the summary: the DirectRunner, and the
 * FlinkRunner with an embedded mini-cluster ({@code --flinkMaster} absent, {@code [local]} or
 * {@code [auto]}, which outside a Flink cluster means the same). Decided from the runner's name and
 * the arguments so that this module needs no compile dependency on Flink.
 */
final class LocalRuns {
  private LocalRuns() {}

  static boolean isEmbeddedFlink(Class<? extends PipelineRunner<?>> runner, String[] args) {
    if (runner == null || !runner.getSimpleName().equals("FlinkRunner")) {
      return false;
    }
    for (String a : args) {
      if (a.startsWith("--flinkMaster=")) {
        String master = a.substring("--flinkMaster=".length());
        return master.equals("[local]") || master.equals("[auto]");
      }
    }
    return true;
  }
}
