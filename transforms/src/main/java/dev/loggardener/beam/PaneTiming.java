package dev.loggardener.beam;

import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * The {@code pane_timing} a row reports. Runners that do not track panes for bounded input (Flink
 * batch) deliver a window's only firing as {@link PaneInfo#NO_FIRING}, timing UNKNOWN; that single
 * first-and-last pane of an export is on time by definition, which is what the DirectRunner says,
 * so rows come out the same on every runner.
 */
public final class PaneTiming {
  private PaneTiming() {}

  /** The timing of a streaming firing before the watermark passed the window's end. */
  public static final String EARLY = PaneInfo.Timing.EARLY.name();

  public static String of(PaneInfo pane) {
    if (pane.getTiming() == PaneInfo.Timing.UNKNOWN && pane.isFirst() && pane.isLast()) {
      return PaneInfo.Timing.ON_TIME.name();
    }
    return pane.getTiming().name();
  }
}
