package dev.loggardener.beam;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;

/**
 * Holds back the output watermark of a stateful DoFn in the global window until the closing pane of
 * every event-time window it has seen has passed through it. Such a stage puts its output back into
 * the windows it came from, and the stages after it drop whatever arrives once their watermark is
 * past a window's allowed lateness. The closing pane of a window is fired exactly when the
 * watermark passes that point, and nothing in the global window holds the watermark for it: without
 * a hold the watermark after the stage runs ahead, and the closing rows are dropped as late
 * downstream (on a drain, when the watermark jumps to the end, always). The hold is a timer whose
 * output timestamp is the earliest open window's expiry, set while that window's first pane passes
 * (before the watermark can be there) and moved on when its last pane has been emitted.
 *
 * <p>The DoFn declares the state (a list of expiry instants, one per open window, so bounded by the
 * windows open at once) and the timer, and passes them in. The closing element has to hold the
 * watermark on its own way into the step, or the hold fires before it arrives: the step's input
 * stamps it at the window's expiry ({@link StampClosingAtExpiry}).
 */
public final class ClosingPaneHold {
  /**
   * How often the hold is renewed for a window whose closing pane is overdue (the watermark passed
   * its expiry, the pane is on its way); after that the window is given up, so a pane that never
   * comes cannot hold the pipeline for good.
   */
  static final int MAX_RENEWALS = 100;

  private ClosingPaneHold() {}

  /** The expiry instants of the open windows, for the DoFn's {@code @StateId} field. */
  public static StateSpec<ValueState<List<Long>>> openSpec() {
    return StateSpecs.value(ListCoder.of(VarLongCoder.of()));
  }

  /** How often the earliest open window's hold was renewed. */
  public static StateSpec<ValueState<Integer>> renewalsSpec() {
    return StateSpecs.value(VarIntCoder.of());
  }

  /** The hold itself: an event-time timer whose output timestamp holds the watermark. */
  public static TimerSpec holdSpec() {
    return TimerSpecs.timer(TimeDomain.EVENT_TIME);
  }

  /**
   * A pane of the window that expires at {@code expiry} passed; {@code last} if it was its last.
   */
  public static void pane(
      ValueState<List<Long>> open,
      ValueState<Integer> renewals,
      Timer hold,
      Instant expiry,
      boolean last,
      Instant notBefore) {
    List<Long> windows = read(open);
    long at = clamp(expiry);
    boolean changed = last ? windows.remove((Long) at) : !windows.contains(at) && windows.add(at);
    if (changed) {
      if (last) {
        renewals.clear();
      }
      rearm(open, hold, windows, notBefore);
    }
  }

  /**
   * The hold timer fired: the watermark passed the earliest open window's expiry. Its closing pane
   * is still on its way (it was fired as the watermark got there), so the hold is renewed, a
   * bounded number of times.
   */
  public static void fired(
      ValueState<List<Long>> open, ValueState<Integer> renewals, Timer hold, Instant firedAt) {
    List<Long> windows = read(open);
    if (windows.isEmpty()) {
      return;
    }
    Integer n = renewals.read();
    int count = n == null ? 0 : n;
    if (count >= MAX_RENEWALS) {
      windows.remove(0);
      renewals.clear();
    } else {
      renewals.write(count + 1);
    }
    rearm(open, hold, windows, firedAt);
  }

  // A timer set while another fires or an element is processed may not hold output before it.
  private static void rearm(
      ValueState<List<Long>> open, Timer hold, List<Long> windows, Instant notBefore) {
    windows.sort(null);
    if (windows.isEmpty()) {
      open.clear();
      hold.clear();
      return;
    }
    open.write(windows);
    Instant first = new Instant(Math.max(windows.get(0), notBefore.getMillis()));
    // It fires once the watermark is strictly past the expiry: at the expiry itself the step
    // before may still hold its closing pane there, and renewing then only spends the renewals.
    hold.withOutputTimestamp(first).set(new Instant(clamp(first.plus(1))));
  }

  private static List<Long> read(ValueState<List<Long>> open) {
    List<Long> windows = open.read();
    return windows == null ? new ArrayList<>() : new ArrayList<>(windows);
  }

  private static long clamp(Instant expiry) {
    return Math.min(expiry.getMillis(), GlobalWindow.INSTANCE.maxTimestamp().getMillis());
  }
}
