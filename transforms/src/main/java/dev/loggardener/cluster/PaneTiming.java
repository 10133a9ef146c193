package dev.loggardener.cluster;

import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * The {@code pane_timing} a row reports: the Beam timing of the firing that made it, written as the
 * constant's name. Runners that do not track panes for bounded input (Flink batch) deliver a
 * window's only firing as {@link PaneInfo#NO_FIRING}, timing UNKNOWN; that single first-and-last
 * pane of an export is on time by definition, which is what the DirectRunner says, so rows come out
 * the same on every runner.
 */
public enum PaneTiming {
  /** Not from a firing: a row being compared for change, or one read without the column. */
  UNSET(""),
  EARLY("EARLY"),
  ON_TIME("ON_TIME"),
  LATE("LATE"),
  UNKNOWN("UNKNOWN"),
  /** A row read back from the output table to seed history: never a firing, never written. */
  SEED("SEED");

  private final String value;

  PaneTiming(String value) {
    this.value = value;
  }

  public static PaneTiming of(PaneInfo pane) {
    if (pane.getTiming() == PaneInfo.Timing.UNKNOWN && pane.isFirst() && pane.isLast()) {
      return ON_TIME;
    }
    return valueOf(pane.getTiming().name());
  }

  /** The column value: the constant's name, empty for {@link #UNSET}. */
  public String value() {
    return value;
  }

  /**
   * The constant whose column value is {@code value}; {@link #UNSET} for empty, null or unknown.
   */
  public static PaneTiming parse(String value) {
    for (PaneTiming t : values()) {
      if (t.value.equals(value)) {
        return t;
      }
    }
    return UNSET;
  }

  /** The column value, so text that shows a row reads as before. */
  @Override
  public String toString() {
    return value;
  }
}
