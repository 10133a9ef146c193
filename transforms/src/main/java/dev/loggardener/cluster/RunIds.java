package dev.loggardener.cluster;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids: what a launch stamps on the (window, service)s it starts ({@link
 * EmitChangedRows#stampingRun}). They sort by launch time, which {@code clusters_latest} relies on
 * to pick the newest lineage's row and the newest backfill.
 */
public final class RunIds {
  private static final DateTimeFormatter LAUNCH =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIds() {}

  /**
   * A new run id: the launch time (UTC, so ids sort by launch) and 8 random hex digits (two
   * launches in one second differ).
   */
  public static String newRunId(Instant launchedAt) {
    return LAUNCH.format(launchedAt)
        + "-"
        + String.format("%08x", ThreadLocalRandom.current().nextInt());
  }
}
