package dev.loggardener.pipeline.io;

import dev.loggardener.pipeline.options.GoogleCloudIoOptions;
import java.util.regex.Pattern;

/**
 * Cross-field checks of {@link GoogleCloudIoOptions} that Beam's own validation cannot do, run
 * before the pipeline is built so a bad launch fails in seconds with a message naming the option
 * rather than minutes later on a worker.
 */
public final class GoogleCloudIoValidation {
  /** {@code PROJECT:DATASET.TABLE} or {@code PROJECT.DATASET.TABLE}, as BigQueryIO accepts. */
  static final Pattern TABLE =
      Pattern.compile("[a-z][-a-z0-9.:]*[a-z0-9][:.][A-Za-z0-9_]+\\.[\\p{L}\\p{N}_-]+");

  static final Pattern SUBSCRIPTION = Pattern.compile("projects/[^/]+/subscriptions/[^/]+");
  static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");

  private GoogleCloudIoValidation() {}

  public static void validate(GoogleCloudIoOptions o) {
    boolean subscription = set(o.getInputSubscription());
    boolean topic = set(o.getInputTopic());
    if (subscription && topic) {
      throw new IllegalArgumentException("set --inputSubscription or --inputTopic, not both");
    }
    if (subscription && !SUBSCRIPTION.matcher(o.getInputSubscription()).matches()) {
      throw new IllegalArgumentException(
          "--inputSubscription must look like projects/PROJECT/subscriptions/NAME");
    }
    if (topic && !TOPIC.matcher(o.getInputTopic()).matches()) {
      throw new IllegalArgumentException(
          "--inputTopic must look like projects/PROJECT/topics/NAME");
    }
    checkTable("--outputTable", o.getOutputTable());
    checkTable("--deadLetterTable", o.getDeadLetterTable());
    BigQueryWriteSettings.parseMethod(o.getBigQueryWriteMethod());
    if (o.getBigQueryTriggeringFrequencySeconds() < 1) {
      throw new IllegalArgumentException("--bigQueryTriggeringFrequencySeconds must be at least 1");
    }
    if (o.getBigQueryMaxRowBytes() < 1 || o.getBigQueryMaxRowBytes() > 10_000_000) {
      throw new IllegalArgumentException(
          "--bigQueryMaxRowBytes must be between 1 and 10000000 (BigQuery's row limit)");
    }
  }

  private static void checkTable(String option, String value) {
    if (set(value) && !TABLE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          option + "=" + value + " must look like PROJECT:DATASET.TABLE");
    }
  }

  private static boolean set(String s) {
    return s != null && !s.isBlank();
  }
}
