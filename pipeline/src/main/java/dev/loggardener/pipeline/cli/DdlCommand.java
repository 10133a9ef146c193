package dev.loggardener.pipeline.cli;

import dev.loggardener.pipeline.io.BigQueryDdl;
import java.io.PrintStream;

/**
 * {@code gardener ddl [--project=P] [--dataset=D]}: prints the BigQuery DDL generated from the
 * schema files. Without flags it prints the placeholder form committed as {@code
 * scripts/bigquery/schema.sql}, which {@code scripts/setup-gcp.sh} fills in (a test keeps the
 * committed file equal to this output).
 */
public final class DdlCommand {
  private DdlCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String project = BigQueryDdl.PROJECT_PLACEHOLDER;
    String dataset = BigQueryDdl.DATASET_PLACEHOLDER;
    for (String a : args) {
      if (a.startsWith("--project=")) {
        project = a.substring("--project=".length());
      } else if (a.startsWith("--dataset=")) {
        dataset = a.substring("--dataset=".length());
      } else {
        err.println("usage: gardener ddl [--project=PROJECT] [--dataset=DATASET]");
        return 2;
      }
    }
    out.print(BigQueryDdl.generate(project, dataset));
    return 0;
  }
}
