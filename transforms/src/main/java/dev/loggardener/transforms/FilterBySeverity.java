package dev.loggardener.transforms;

import dev.loggardener.filter.SeverityFilter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps entries at or above a severity threshold, plus unstructured stderr lines that plainly
 * carry an error (they arrive as DEFAULT); counts what it filters. The rule itself lives in
 * {@link SeverityFilter}.
 */
public final class FilterBySeverity extends PTransform<PCollection<LogEntry>, PCollection<LogEntry>> {
  private static final long serialVersionUID = 1L;

  private final Severity minSeverity;

  private FilterBySeverity(Severity minSeverity) {
    this.minSeverity = minSeverity;
  }

  public static FilterBySeverity atLeast(Severity minSeverity) {
    return new FilterBySeverity(minSeverity);
  }

  @Override
  public PCollection<LogEntry> expand(PCollection<LogEntry> entries) {
    return entries
        .apply("Filter", ParDo.of(new FilterFn(minSeverity)))
        .setCoder(entries.getCoder());
  }

  static final class FilterFn extends DoFn<LogEntry, LogEntry> {
    private static final long serialVersionUID = 1L;

    private final SeverityFilter filter;
    private final Counter filtered = GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED);
    private final Counter passed = GardenerCounters.counter(GardenerCounters.ENTRIES_PASSED_FILTER);
    private final Counter stderrKept = GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT_STDERR);

    FilterFn(Severity minSeverity) {
      this.filter = new SeverityFilter(minSeverity);
    }

    @ProcessElement
    public void process(@Element LogEntry entry, OutputReceiver<LogEntry> out) {
      if (filter.decide(entry) == SeverityFilter.Decision.KEEP) {
        passed.inc();
        if (!entry.severity().atLeast(filter.minSeverity())) {
          stderrKept.inc();
        }
        out.output(entry);
      } else {
        filtered.inc();
      }
    }
  }
}
