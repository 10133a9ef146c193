package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableRow;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.history.TrackSignatureHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At launch, reads what earlier runs wrote for the last {@code --seedHistoryDays} days and turns it
 * into seed rows for {@link TrackSignatureHistory}: one row per (window, service, cluster) with the
 * count {@code clusters_latest} gives it. Without it, a fresh launch found every ongoing signature
 * NEW and filed issues for all of them.
 *
 * <p>What is read: the view, not the table, so the counts are the settled ones analysts see (the
 * view combines panes, relaunched runs and backfills; the seed only sums what it returns per
 * cluster), and only the seed's days: the query ({@code history-seed.sql}) filters on the
 * partitioning column. How: one query through {@link SeedQuery} ({@code jobs.query}), results in
 * the response: {@code bigquery.jobs.create} and read access, nothing else.
 *
 * <p>Failing open: the read runs in a DoFn after an {@link Impulse}, not as a bounded source. Any
 * failure (no permission, no view yet on a fresh project, a timeout) is logged, counted in {@code
 * history_seed_failed} and gives an empty seed; the step then finishes, so it never holds the
 * watermark of the history stage. A bounded source that fails in a streaming job is retried forever
 * instead, and on-time rows never leave. A seed row is stamped at its window's last instant, as
 * rows are, so the history stage records it in event-time order before any later window. A row that
 * cannot be read as a seed is counted and skipped.
 */
public final class HistorySeedFromBigQuery extends PTransform<PBegin, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HistorySeedFromBigQuery.class);
  static final String VIEW = "clusters_latest";

  private final String view;
  private final Instant since;
  private final SeedQuery query;

  private HistorySeedFromBigQuery(String view, Instant since, SeedQuery query) {
    this.view = view;
    this.since = since;
    this.query = query;
  }

  /**
   * Seed rows for windows starting at or after {@code since}, from the {@code clusters_latest} view
   * beside {@code table} ({@code PROJECT:DATASET.TABLE}), through {@code query}.
   */
  public static HistorySeedFromBigQuery of(String table, Instant since, SeedQuery query) {
    return new HistorySeedFromBigQuery(viewBeside(table), since, query);
  }

  /** {@code PROJECT.DATASET.clusters_latest} for {@code PROJECT:DATASET.TABLE}. */
  static String viewBeside(String table) {
    String t = table.trim().replace(':', '.');
    int last = t.lastIndexOf('.');
    if (last <= 0 || !t.substring(0, last).contains(".")) {
      throw new IllegalArgumentException("table must be PROJECT:DATASET.TABLE, not " + table);
    }
    return t.substring(0, last) + "." + VIEW;
  }

  /** The seed query for {@code view}, with its one parameter {@code @since}. */
  static String sql(String view) {
    try (InputStream in = HistorySeedFromBigQuery.class.getResourceAsStream("history-seed.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@VIEW@", view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public PCollection<ClusterRow> expand(PBegin begin) {
    return begin
        .apply("Launch", Impulse.create())
        // No combine to one row per window after this: its output would be stamped at the end of
        // the global window, after every live row. The query and the DoFn sum per cluster.
        .apply("ReadClustersLatest", ParDo.of(new ReadSeedFn(sql(view), since, query)))
        .setCoder(ClusterRowCoder.of());
  }

  static final class ReadSeedFn extends DoFn<byte[], ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final String sql;
    private final Instant since;
    private final SeedQuery query;
    private final Counter failed = GardenerCounters.counter("history_seed_failed");
    private final Counter unreadable = GardenerCounters.counter("history_seed_rows_unreadable");
    private final Counter seeded = GardenerCounters.counter("history_seed_rows");

    ReadSeedFn(String sql, Instant since, SeedQuery query) {
      this.sql = sql;
      this.since = since;
      this.query = query;
    }

    @ProcessElement
    public void process(PipelineOptions options, OutputReceiver<ClusterRow> out) {
      List<TableRow> rows;
      try {
        rows = query.rows(sql, since, options);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        failed.inc();
        LOG.warn(
            "Could not read the history seed ({}); signature history starts empty", e.toString());
        return;
      }
      Map<String, ClusterRow> sums = new LinkedHashMap<>();
      for (TableRow t : rows) {
        ClusterRow seed = seed(t);
        if (seed == null) {
          unreadable.inc();
          continue;
        }
        if (seed.windowStart().isBefore(since)) {
          continue;
        }
        String key = seed.windowStart() + "\u0000" + seed.service() + "\u0000" + seed.signatureId();
        ClusterRow before = sums.get(key);
        sums.put(
            key,
            before == null ? seed : seed.toBuilder().count(before.count() + seed.count()).build());
      }
      for (ClusterRow seed : sums.values()) {
        seeded.inc();
        out.outputWithTimestamp(
            seed, new org.joda.time.Instant(seed.windowEnd().toEpochMilli() - 1));
      }
    }

    /** The seed row of one result row, or null when a column is missing or malformed. */
    static ClusterRow seed(TableRow t) {
      Instant start = timestamp(t.get("window_start"));
      Instant end = timestamp(t.get("window_end"));
      String service = text(t.get("service"));
      String cluster = text(t.get("cluster_id"));
      if (start == null || end == null || service.isEmpty() || cluster.isEmpty()) {
        return null;
      }
      long count;
      try {
        count = Long.parseLong(text(t.get("count")));
      } catch (NumberFormatException e) {
        return null;
      }
      return ClusterRow.builder()
          .windowStart(start)
          .windowEnd(end)
          .service(service)
          .signatureId(cluster)
          .groupId(cluster)
          // the grouping stage learns its patterns back from the templates
          .groupTemplate(text(t.get("group_template")))
          .count(count)
          .paneTiming(TrackSignatureHistory.SEED)
          .build();
    }

    private static String text(Object o) {
      return o == null || com.google.api.client.util.Data.isNull(o) ? "" : o.toString();
    }

    /** TIMESTAMP as the API gives it (epoch seconds), as RFC 3339, or as {@code ... UTC} text. */
    static Instant timestamp(Object o) {
      String s = text(o).trim();
      if (s.isEmpty()) {
        return null;
      }
      try {
        if (s.endsWith(" UTC")) {
          return java.time.LocalDateTime.parse(
                  s.substring(0, s.length() - 4).replace(' ', 'T'),
                  DateTimeFormatter.ISO_LOCAL_DATE_TIME)
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
