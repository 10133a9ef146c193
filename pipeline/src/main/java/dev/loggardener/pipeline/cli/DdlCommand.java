package dev.loggardener.pipeline.cli;

import dev.loggardener.pipeline.io.BigQueryDdl;
import java.io.PrintStream;

/**
 * {@code gardener ddl [--project=P] [--dataset=D] [--partitionExpirationDays=N]}: prints the
 * BigQuery DDL generated from the schema files; partitions are dropped after N days (default
 * {@value BigQueryDdl#DEFAULT_PARTITION_EXPIRATION_DAYS}, 0 = never). Without flags it prints the
 * placeholder form committed as {@code scripts/bigquery/schema.sql}, which {@code
 * scripts/setup-gcp.sh} fills in (a test keeps the committed file equal to this output).
 */
public final class DdlCommand {
  private DdlCommand() {}

  static final String USAGE =
      "usage: gardener ddl [--project=PROJECT] [--dataset=DATASET] [--partitionExpirationDays=N]";

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String project = BigQueryDdl.PROJECT_PLACEHOLDER;
    String dataset = BigQueryDdl.DATASET_PLACEHOLDER;
    int expirationDays = BigQueryDdl.DEFAULT_PARTITION_EXPIRATION_DAYS;
    for (String a : args) {
      if (a.startsWith("--project=")) {
        project = a.substring("--project=".length());
      } else if (a.startsWith("--dataset=")) {
        dataset = a.substring("--dataset=".length());
      } else if (a.startsWith("--partitionExpirationDays=")) {
        String days = a.substring("--partitionExpirationDays=".length());
        if (!days.matches("[0-9]{1,6}")) {
          err.println("--partitionExpirationDays must be a whole number of days, 0 for never");
          err.println(USAGE);
          return 2;
        }
        expirationDays = Integer.parseInt(days);
      } else {
        err.println(USAGE);
        return 2;
      }
    }
    out.print(BigQueryDdl.generate(project, dataset, expirationDays));
    return 0;
  }
}
