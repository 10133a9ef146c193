package dev.loggardener.transforms;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import dev.loggardener.report.ReportRenderer;
import dev.loggardener.report.ServiceWindowReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Joins a window's cluster rows with its per-service entry counts and renders one markdown
 * report per (service, window, pane). Output: KV of the report's relative path ({@code
 * <service>/<window start>_pane-<n>.md}) and its markdown. Panes accumulate upstream, so when a
 * cluster appears in several panes only its latest row is reported.
 */
public final class BuildReports
    extends PTransform<PCollectionTuple, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  /** Input: the cluster rows of every pane. */
  public static final TupleTag<ClusterRow> ROWS = new TupleTag<ClusterRow>() {};
  /** Input: entries read per service, from {@link CountEntriesPerService}, windowed alike. */
  public static final TupleTag<KV<String, Long>> ENTRIES_READ =
      new TupleTag<KV<String, Long>>() {};

  private static final TupleTag<ClusterRow> JOIN_ROWS = new TupleTag<ClusterRow>() {};
  private static final TupleTag<Long> JOIN_READ = new TupleTag<Long>() {};
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private final ReportRenderer renderer;

  private BuildReports(ReportRenderer renderer) {
    this.renderer = renderer;
  }

  public static BuildReports using(ReportRenderer renderer) {
    return new BuildReports(renderer);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollectionTuple input) {
    PCollection<KV<String, ClusterRow>> rowsByService =
        input
            .get(ROWS)
            .apply("KeyRowsByService", ParDo.of(new KeyByServiceFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ClusterRowCoder.of()));
    PCollection<KV<String, CoGbkResult>> joined =
        KeyedPCollectionTuple.of(JOIN_ROWS, rowsByService)
            .and(JOIN_READ, input.get(ENTRIES_READ))
            .apply("JoinRowsAndCounts", CoGroupByKey.create());
    return joined
        .apply("Render", ParDo.of(new RenderFn(renderer)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /** File-system-safe form of a service name: GKE names carry a slash. */
  public static String slug(String service) {
    String s = service.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (s.isEmpty() || s.startsWith(".")) {
      s = "_" + s;
    }
    return s.length() > 120 ? s.substring(0, 120) : s;
  }

  public static String reportPath(String service, Instant windowStart, long paneIndex) {
    return slug(service) + "/" + FILE_TIME.format(windowStart) + "_pane-" + paneIndex + ".md";
  }

  /** Latest row per signature: highest pane index, then highest count. */
  static List<ClusterRow> latestPerSignature(Iterable<ClusterRow> rows) {
    Map<String, ClusterRow> latest = new HashMap<>();
    for (ClusterRow r : rows) {
      latest.merge(
          r.signatureId,
          r,
          (a, b) ->
              (b.paneIndex > a.paneIndex || (b.paneIndex == a.paneIndex && b.count > a.count))
                  ? b
                  : a);
    }
    return new ArrayList<>(latest.values());
  }

  static final class KeyByServiceFn extends DoFn<ClusterRow, KV<String, ClusterRow>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element ClusterRow r, OutputReceiver<KV<String, ClusterRow>> out) {
      out.output(KV.of(r.service, r));
    }
  }

  static final class RenderFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    private final ReportRenderer renderer;
    private final Counter reports = GardenerCounters.counter(GardenerCounters.REPORTS);

    RenderFn(ReportRenderer renderer) {
      this.renderer = renderer;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<KV<String, String>> out) {
      String service = element.getKey();
      List<ClusterRow> clusters = latestPerSignature(element.getValue().getAll(JOIN_ROWS));
      long read = 0;
      for (Long n : element.getValue().getAll(JOIN_READ)) {
        read = Math.max(read, n);
      }
      long kept = 0;
      String resourceType = "";
      for (ClusterRow r : clusters) {
        kept += r.count;
        resourceType = r.resourceType;
      }
      IntervalWindow w = (IntervalWindow) window;
      Instant start = Instant.ofEpochMilli(w.start().getMillis());
      ServiceWindowReport report =
          ServiceWindowReport.builder()
              .service(service)
              .resourceType(resourceType)
              .windowStart(start)
              .windowEnd(Instant.ofEpochMilli(w.end().getMillis()))
              .paneIndex(pane.getIndex())
              .paneTiming(PaneTiming.of(pane))
              .isFinal(pane.isLast())
              .entriesRead(read)
              .entriesKept(kept)
              .clusters(clusters)
              .generatedAt(Instant.now())
              .build();
      reports.inc();
      out.output(KV.of(reportPath(service, start, pane.getIndex()), renderer.render(report)));
    }
  }
}
