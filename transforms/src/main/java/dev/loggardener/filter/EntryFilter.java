package dev.loggardener.filter;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignatureRules;
import java.io.Serializable;

/**
 * The keep-or-filter decision of one entry: the severity threshold with its stderr exception
 * ({@link SeverityFilter}), then the user's ignore rules. The entry path calls it for every entry,
 * fused or reassembled from a split trace.
 */
public final class EntryFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What became of an entry; each verdict has its own counter. */
  public enum Verdict {
    /** At or above the threshold. */
    KEPT,
    /** Below the threshold, kept as an error-looking stderr line. */
    KEPT_STDERR,
    FILTERED,
    FILTERED_BY_RULE
  }

  private final SeverityFilter filter;
  private final SignatureRules rules;

  public EntryFilter(Severity minSeverity, SignatureRules rules) {
    this.filter = new SeverityFilter(minSeverity);
    this.rules = rules;
  }

  public Verdict decide(LogEntry entry) {
    if (filter.decide(entry) != SeverityFilter.Decision.KEEP) {
      return Verdict.FILTERED;
    }
    // Ignore rules run only on what the threshold keeps: the regexes cost nothing on the rest.
    if (!rules.ignores().isEmpty()
        && rules.ignoreRuleFor(entry.service(), entry.logId(), entry.logName(), entry.message())
            != null) {
      return Verdict.FILTERED_BY_RULE;
    }
    return entry.severity().atLeast(filter.minSeverity()) ? Verdict.KEPT : Verdict.KEPT_STDERR;
  }
}
