package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.history.TrackSignatureHistory;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * At launch, reads what earlier runs wrote to {@code --outputTable} for the last {@code
 * --seedHistoryDays} days and turns it into seed rows for {@link TrackSignatureHistory}: every row
 * of those windows (service, cluster, window and count); the history
 * keeps the largest count of a window (a drained job and its relaunch each wrote part of an hour;
 * the status only needs "seen" and a baseline). Without it, a fresh launch found every ongoing signature NEW and filed issues for all
 * of them.
 *
 * <p>The table is read with an export job (free, and not subject to the table's partition
 * filter requirement, which binds queries) and filtered here; a seed row is stamped at its
 * window's last instant, as rows are, so the history stage records it in event-time order
 * before any later window. A row that cannot be read as a cluster row is counted and skipped.
 */
public final class HistorySeedFromBigQuery extends PTransform<PBegin, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final Instant since;
  private final BigQueryServices testServices;

  private HistorySeedFromBigQuery(String table, Instant since, BigQueryServices testServices) {
    this.table = table;
    this.since = since;
    this.testServices = testServices;
  }

  /** Rows of {@code table} ({@code PROJECT:DATASET.TABLE}) for windows starting at or after {@code since}. */
  public static HistorySeedFromBigQuery of(String table, Instant since, BigQueryServices testServices) {
    return new HistorySeedFromBigQuery(table, since, testServices);
  }

  @Override
  public PCollection<ClusterRow> expand(PBegin begin) {
    BigQueryIO.TypedRead<TableRow> read =
        BigQueryIO.readTableRows().from(table).withMethod(BigQueryIO.TypedRead.Method.EXPORT);
    if (testServices != null) {
      read = read.withTestServices(testServices);
    }
    return begin
        .apply("ReadTable", read)
        // No combine to one row per window here: its output would be stamped at the end of the
        // global window, after every live row. The history stage sorts a window's rows by count
        // and records the last, so the largest count of the window is what it remembers.
        .apply("ToSeedRows", ParDo.of(new ToSeedFn(since.toEpochMilli())))
        .setCoder(ClusterRowCoder.of());
  }

  static final class ToSeedFn extends DoFn<TableRow, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final long sinceMillis;
    private final Counter unreadable = dev.loggardener.beam.GardenerCounters.counter("history_seed_rows_unreadable");
    private final Counter seeded = dev.loggardener.beam.GardenerCounters.counter("history_seed_rows");

    ToSeedFn(long sinceMillis) {
      this.sinceMillis = sinceMillis;
    }

    @ProcessElement
    public void process(@Element TableRow t, OutputReceiver<ClusterRow> out) {
      Instant start = timestamp(t.get("window_start"));
      Instant end = timestamp(t.get("window_end"));
      String service = text(t.get("service"));
      String group = text(t.get("group_id"));
      String cluster = group.isEmpty() ? text(t.get("signature_id")) : group;
      if (start == null || end == null || service.isEmpty() || cluster.isEmpty()) {
        unreadable.inc();
        return;
      }
      if (start.toEpochMilli() < sinceMillis) {
        return;
      }
      long count;
      try {
        count = Long.parseLong(text(t.get("count")));
      } catch (NumberFormatException e) {
        unreadable.inc();
        return;
      }
      seeded.inc();
      ClusterRow seed =
          ClusterRow.builder()
              .windowStart(start)
              .windowEnd(end)
              .service(service)
              .signatureId(cluster)
              .groupId(cluster)
              .count(count)
              .paneTiming(TrackSignatureHistory.SEED)
              .build();
      out.outputWithTimestamp(seed, new org.joda.time.Instant(end.toEpochMilli() - 1));
    }

    private static String text(Object o) {
      return o == null ? "" : o.toString();
    }

    /** An export gives TIMESTAMP as {@code 2025-06-03 14:00:00 UTC}, an API row as RFC 3339 or seconds. */
    static Instant timestamp(Object o) {
      if (o == null) {
        return null;
      }
      String s = o.toString().trim();
      try {
        if (s.endsWith(" UTC")) {
          return java.time.LocalDateTime.parse(
                  s.substring(0, s.length() - 4).replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
              .toInstant(java.time.ZoneOffset.UTC);
        }
        if (s.matches("-?\\d+(\\.\\d+)?(E\\d+)?")) {
          return Instant.ofEpochMilli(Math.round(Double.parseDouble(s) * 1000));
        }
        return Instant.parse(s);
      } catch (DateTimeParseException | NumberFormatException e) {
        return null;
      }
    }
  }
}
