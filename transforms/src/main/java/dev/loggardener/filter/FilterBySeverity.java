package dev.loggardener.filter;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignatureRules;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import dev.loggardener.beam.GardenerCounters;

/**
 * Keeps entries at or above a severity threshold, plus unstructured stderr lines that plainly
 * carry an error (they arrive as DEFAULT); counts what it filters. The rule itself lives in
 * {@link dev.loggardener.filter.SeverityFilter}. With {@link #withIgnoreRules}, kept entries that match a user's ignore
 * rule are filtered too and counted apart ({@code entries_filtered_by_rule}).
 */
public final class FilterBySeverity extends PTransform<PCollection<LogEntry>, PCollection<LogEntry>> {
  private static final long serialVersionUID = 1L;

  private final Severity minSeverity;
  private final SignatureRules rules;

  private FilterBySeverity(Severity minSeverity, SignatureRules rules) {
    this.minSeverity = minSeverity;
    this.rules = rules;
  }

  public static FilterBySeverity atLeast(Severity minSeverity) {
    return new FilterBySeverity(minSeverity, SignatureRules.none());
  }

  /** Also drops kept entries that match one of the {@code ignore} rules of {@code rules}. */
  public FilterBySeverity withIgnoreRules(SignatureRules rules) {
    return new FilterBySeverity(minSeverity, rules);
  }

  @Override
  public PCollection<LogEntry> expand(PCollection<LogEntry> entries) {
    return entries
        .apply("Filter", ParDo.of(new FilterFn(minSeverity, rules)))
        .setCoder(entries.getCoder());
  }

  static final class FilterFn extends DoFn<LogEntry, LogEntry> {
    private static final long serialVersionUID = 1L;

    private final EntryFilter filter;
    private final Counter filteredByRule =
        GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED_BY_RULE);
    private final Counter filtered = GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED);
    private final Counter passed = GardenerCounters.counter(GardenerCounters.ENTRIES_PASSED_FILTER);
    private final Counter stderrKept = GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT_STDERR);

    FilterFn(Severity minSeverity, SignatureRules rules) {
      this.filter = new EntryFilter(minSeverity, rules);
    }

    @ProcessElement
    public void process(@Element LogEntry entry, OutputReceiver<LogEntry> out) {
      switch (filter.decide(entry)) {
        case FILTERED:
          filtered.inc();
          return;
        case FILTERED_BY_RULE:
          filteredByRule.inc();
          return;
        case KEPT_STDERR:
          stderrKept.inc();
          passed.inc();
          out.output(entry);
          return;
        default:
          passed.inc();
          out.output(entry);
      }
    }
  }
}
