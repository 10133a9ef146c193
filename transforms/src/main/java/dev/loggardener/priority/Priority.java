package dev.loggardener.priority;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link PriorityClassifier}: a level from {@code P0} (most urgent) to {@code P3}
 * and a human-readable reason naming the rule that fired, so that a reader of a report or a
 * BigQuery row can see why a cluster was ranked where it is without re-reading the rules. Immutable
 * value; equality covers both level and reason.
 */
public final class Priority implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The levels in urgency order; index equals {@link #rankOf(String)}. */
  public static final List<String> LEVELS = List.of("P0", "P1", "P2", "P3");

  private final String level;
  private final String reason;

  private Priority(String level, String reason) {
    this.level = level;
    this.reason = reason;
  }

  /**
   * Creates a priority. The level must be one of {@link #LEVELS}: rows with invented levels would
   * silently sort last in every ranking, which is worse than failing where they are made.
   */
  public static Priority of(String level, String reason) {
    if (rankOf(level) >= LEVELS.size()) {
      throw new IllegalArgumentException("unknown priority level: " + level);
    }
    return new Priority(level, reason == null ? "" : reason);
  }

  /** {@code "P0"} .. {@code "P3"}. */
  public String level() {
    return level;
  }

  /** Which rule matched and why, e.g. {@code P3: WARNING cluster without crash signals}. */
  public String reason() {
    return reason;
  }

  /** 0 for P0 … 3 for P3. */
  public int rank() {
    return rankOf(level);
  }

  /**
   * Sort key for a level as stored in a {@code ClusterRow}: 0 for P0 … 3 for P3, and 4 for anything
   * else (empty, null, misspelt), so unknown levels rank after every known one instead of failing a
   * whole report.
   */
  public static int rankOf(String level) {
    int i = level == null ? -1 : LEVELS.indexOf(level);
    return i < 0 ? LEVELS.size() : i;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Priority)) {
      return false;
    }
    Priority p = (Priority) o;
    return level.equals(p.level) && reason.equals(p.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, reason);
  }

  @Override
  public String toString() {
    return reason.isEmpty() ? level : reason;
  }
}
