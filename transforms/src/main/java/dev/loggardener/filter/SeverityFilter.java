package dev.loggardener.filter;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.io.Serializable;
import java.util.Objects;

/**
 * Decides which entries reach clustering: those at or above a minimum severity, plus the
 * unstructured stderr lines that carry an error but arrive with severity DEFAULT (see {@link
 * ErrorLookingStderr}). Without that exception a "WARNING and above" threshold would silently drop
 * plain-text tracebacks, the most common error shape of Python services on Cloud Run.
 */
public final class SeverityFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What to do with one entry. */
  public enum Decision {
    KEEP,
    FILTER
  }

  private final Severity minSeverity;

  public SeverityFilter(Severity minSeverity) {
    this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
  }

  public Severity minSeverity() {
    return minSeverity;
  }

  public Decision decide(LogEntry e) {
    if (e.severity().atLeast(minSeverity) || ErrorLookingStderr.matches(e)) {
      return Decision.KEEP;
    }
    return Decision.FILTER;
  }

  /** Shorthand for {@code decide(e) == KEEP}, for use as a Beam {@code Filter} predicate. */
  public boolean keep(LogEntry e) {
    return decide(e) == Decision.KEEP;
  }
}
