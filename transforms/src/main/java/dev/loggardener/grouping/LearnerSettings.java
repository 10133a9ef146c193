package dev.loggardener.grouping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learning stage's thresholds: one configuration for every source. Each can be moved for a
 * whole JVM with the system property {@code gardener.grouping.NAME}, which only the
 * leave-one-system-out measurement ({@code scripts/signature-accuracy.sh --cross}) sets: it chooses
 * every threshold on the systems other than the one it scores, among the candidate values listed
 * here. Never set in production; read once into constants.
 */
public final class LearnerSettings {
  /** The prefix of the system properties that move a setting. */
  public static final String PROPERTY_PREFIX = "gardener.grouping.";

  private static final Map<String, int[]> DECLARED = new LinkedHashMap<>();

  /** A fixed-length position is variable with at least this many distinct values. */
  static final int MIN_DISTINCT = declare("minDistinct", 6, 3, 4, 5, 6, 8);

  /**
   * Spans: a template joins a seed when their common tokens cover this percentage of the longer
   * (Spell's rule is one half).
   */
  static final int SPAN_RATIO = declare("spanRatio", 70, 60, 70, 80);

  /** Spans: words the constants of a group must hold, and before few values count as a variable. */
  static final int SPAN_CONTEXT_WORDS = declare("spanContextWords", 3, 2, 3, 4);

  /**
   * Spans: a gap with three to five single-word values is a variable when the constants hold this
   * many words besides headers.
   */
  static final int FEW_VALUES_WORDS = declare("fewValuesWords", 6, 5, 6, 8);

  /**
   * A template alone joins a group that matches it at everything but its {@code <*>} when the group
   * has at least this many times its entries; 0 switches the pass off.
   */
  static final int ABSORB_RATIO = declare("absorbRatio", 5, 0, 3, 10);

  /** Spans: off (0) learns fixed-length patterns only; for the measurement. */
  static final int SPANS = declare("spans", 1, 0, 1);

  private LearnerSettings() {}

  /** Registers a setting (default first, then the candidate values) and returns its value. */
  private static int declare(String name, int defaultValue, int... candidates) {
    int[] all = new int[candidates.length + 1];
    all[0] = defaultValue;
    System.arraycopy(candidates, 0, all, 1, candidates.length);
    DECLARED.put(name, all);
    String set = System.getProperty(PROPERTY_PREFIX + name);
    if (set == null || set.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(set.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PROPERTY_PREFIX + name + ": not a number: " + set, e);
    }
  }

  /**
   * One line per setting, "name TAB default TAB candidate,candidate,...", for the measurement
   * script.
   */
  public static String[] describe() {
    String[] lines = new String[DECLARED.size()];
    int i = 0;
    for (Map.Entry<String, int[]> e : DECLARED.entrySet()) {
      int[] v = e.getValue();
      StringBuilder c = new StringBuilder();
      for (int j = 1; j < v.length; j++) {
        c.append(j > 1 ? "," : "").append(v[j]);
      }
      lines[i++] = e.getKey() + "\t" + v[0] + "\t" + c;
    }
    return lines;
  }
}
