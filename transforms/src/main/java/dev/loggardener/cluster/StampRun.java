package dev.loggardener.cluster;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Sets {@code run_id} and {@code run_kind} on every row. Pane numbers and
 * {@code emit_seq} restart when a job is relaunched, and a batch backfill of an hour has panes of
 * its own, so without the run a reader cannot tell which rows belong together.
 * {@code clusters_latest} takes each run's latest row and combines runs (see {@code BigQueryDdl}).
 */
public final class StampRun extends PTransform<PCollection<ClusterRow>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter LAUNCH =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String runId;
  private final RunKind runKind;

  private StampRun(String runId, RunKind runKind) {
    this.runId = runId;
    this.runKind = runKind;
  }

  /** {@code runKind} is {@link RunKind#STREAM} or {@link RunKind#BATCH}. */
  public static StampRun as(String runId, RunKind runKind) {
    if (runKind != RunKind.STREAM && runKind != RunKind.BATCH) {
      throw new IllegalArgumentException("run kind must be STREAM or BATCH: " + runKind);
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("run id must not be empty");
    }
    return new StampRun(runId, runKind);
  }

  /**
   * A new run id: the launch time (UTC, so ids sort by launch) and 8 random hex digits (two
   * launches in one second differ).
   */
  public static String newRunId(Instant launchedAt) {
    return LAUNCH.format(launchedAt) + "-"
        + String.format("%08x", ThreadLocalRandom.current().nextInt());
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<ClusterRow> rows) {
    return rows.apply("SetRun", ParDo.of(new StampFn(runId, runKind))).setCoder(ClusterRowCoder.of());
  }

  static final class StampFn extends DoFn<ClusterRow, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final RunKind runKind;

    StampFn(String runId, RunKind runKind) {
      this.runId = runId;
      this.runKind = runKind;
    }

    @ProcessElement
    public void process(@Element ClusterRow row, OutputReceiver<ClusterRow> out) {
      out.output(row.toBuilder().runId(runId).runKind(runKind).build());
    }
  }
}
