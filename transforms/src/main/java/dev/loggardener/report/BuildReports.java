package dev.loggardener.report;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.GatherPanes;
import dev.loggardener.cluster.PaneTiming;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Renders one markdown report per (service, window, pane) from the window's cluster rows and
 * per-service entry counts. Output: KV of the report's relative path ({@code <service>/<window
 * start>_pane-<n>.md}) and its markdown.
 *
 * <p>A report lists at most {@code maxClusters} clusters, the top of the ranking, and counts the
 * rest; its totals, priority counts, cascade chains and actions still cover the whole window. The
 * data flow is bounded the same way: rows and counts are combined per (service, window) into a
 * {@link WindowDigest} (top rows, cascade rows, counters) by {@link WindowDigestFn}, so only
 * partial digests are shuffled and no worker holds all rows of a window at once. Panes accumulate
 * upstream, so a cluster arrives again with each pane: {@link SupersedeOlderRows} passes only the
 * newer rows of each cluster and says which row each one replaces, so the report shows and counts
 * each cluster once, at its latest row.
 */
public final class BuildReports
    extends PTransform<BuildReportsInput, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  /** Clusters a report lists when no cap is given (the {@code --reportMaxClusters} default). */
  public static final int DEFAULT_MAX_CLUSTERS = 50;

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private final ReportRenderer renderer;
  private final int maxClusters;

  private BuildReports(ReportRenderer renderer, int maxClusters) {
    if (maxClusters < 1) {
      throw new IllegalArgumentException("maxClusters must be at least 1: " + maxClusters);
    }
    this.renderer = renderer;
    this.maxClusters = maxClusters;
  }

  public static BuildReports using(ReportRenderer renderer) {
    return new BuildReports(renderer, DEFAULT_MAX_CLUSTERS);
  }

  /** Each report lists at most {@code max} clusters and counts the others. */
  public BuildReports withMaxClusters(int max) {
    return new BuildReports(renderer, max);
  }

  @Override
  public PCollection<KV<String, String>> expand(BuildReportsInput input) {
    PCollection<KV<String, ReportInput>> rows =
        input.rows().apply("SupersedeOlderRows", SupersedeOlderRows.create());
    PCollection<KV<String, ReportInput>> read =
        input
            .entriesRead()
            .apply("EntriesReadAsInputs", ParDo.of(new EntriesReadFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ReportInputCoder.of()));
    // Streaming: one report per gathering of a window's rows, not one per arriving bundle; the
    // same trigger on both inputs also keeps the Flatten's triggers compatible.
    return PCollectionList.of(
            rows.apply("GatherRows", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY)))
        .and(
            read.apply(
                "GatherEntriesRead", GatherPanes.keepingAccumulation(GatherPanes.DEFAULT_DELAY)))
        .apply("FlattenReportInputs", Flatten.pCollections())
        .apply("DigestServiceWindows", Combine.perKey(new WindowDigestFn(maxClusters)))
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

  static final class EntriesReadFn extends DoFn<KV<String, Long>, KV<String, ReportInput>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, Long> e, OutputReceiver<KV<String, ReportInput>> out) {
      out.output(KV.of(e.getKey(), ReportInput.entriesRead(e.getValue())));
    }
  }

  static final class RenderFn extends DoFn<KV<String, WindowDigest>, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    private final ReportRenderer renderer;
    private final Counter reports = GardenerCounters.counter(GardenerCounters.REPORTS);
    private final Counter leftOut =
        GardenerCounters.counter(GardenerCounters.REPORT_CLUSTERS_LEFT_OUT);

    RenderFn(ReportRenderer renderer) {
      this.renderer = renderer;
    }

    @ProcessElement
    public void process(
        @Element KV<String, WindowDigest> element,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<KV<String, String>> out) {
      String service = element.getKey();
      WindowDigest digest = element.getValue();
      IntervalWindow w = (IntervalWindow) window;
      Instant start = Instant.ofEpochMilli(w.start().getMillis());
      ServiceWindowReport report =
          ServiceWindowReport.builder()
              .service(service)
              .resourceType(digest.resourceType())
              .windowStart(start)
              .windowEnd(Instant.ofEpochMilli(w.end().getMillis()))
              .paneIndex(pane.getIndex())
              .paneTiming(PaneTiming.of(pane).value())
              .isFinal(pane.isLast())
              .entriesRead(digest.entriesRead())
              .entriesKept(digest.tally().totalEntries())
              .clusters(digest.shownRows())
              .windowTally(digest.tally())
              .cascadeRows(digest.cascadeRowsNotShown())
              .generatedAt(Instant.now())
              .build();
      reports.inc();
      leftOut.inc(digest.tally().totalClusters() - digest.shownRows().size());
      out.output(KV.of(reportPath(service, start, pane.getIndex()), renderer.render(report)));
    }
  }
}
