package dev.loggardener.cascade;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * The analysis of a window's closing pane says when the window expires, so it can hold the
 * watermark there on its way to the rows it releases; earlier analyses say nothing of the kind.
 */
public class ClosingAnalysisTest {
  private static final Instant HOUR = new Instant(Cascades.HOUR.toEpochMilli());
  private static final IntervalWindow WINDOW =
      new IntervalWindow(HOUR, HOUR.plus(Duration.standardHours(1)));
  private static final Duration LATENESS = Duration.standardHours(2);

  @Test
  public void theClosingPanesAnalysisCarriesTheWindowsExpiry() {
    PaneInfo closing = PaneInfo.createPane(false, true, PaneInfo.Timing.LATE, 3, 2);
    long at = LinkCascades.closesAt(WINDOW, closing, LATENESS);
    assertThat(new Instant(at), is(WINDOW.maxTimestamp().plus(LATENESS)));
    assertThat(new ServiceAnalysis(3, false, at, List.of()).closing(), is(true));
  }

  @Test
  public void anEarlierPanesAnalysisIsNotClosing() {
    PaneInfo early = PaneInfo.createPane(true, false, PaneInfo.Timing.EARLY);
    long at = LinkCascades.closesAt(WINDOW, early, LATENESS);
    assertThat(at, is(0L));
    assertThat(new ServiceAnalysis(0, false, at, List.of()).closing(), is(false));
  }

  @Test
  public void theGlobalWindowsExpiryStopsAtTheEndOfTime() {
    PaneInfo closing = PaneInfo.createPane(true, true, PaneInfo.Timing.ON_TIME, 0, 0);
    assertThat(
        LinkCascades.closesAt(GlobalWindow.INSTANCE, closing, LATENESS),
        is(GlobalWindow.INSTANCE.maxTimestamp().getMillis()));
  }

  @Test
  public void theCoderKeepsWhenTheWindowCloses() throws Exception {
    ServiceAnalysis a = new ServiceAnalysis(4, true, 1_234_567L, List.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ServiceAnalysis.Coder.of().encode(a, bytes);
    ServiceAnalysis back =
        ServiceAnalysis.Coder.of().decode(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(back.closesAt, is(1_234_567L));
    assertThat(back.version, is(4L));
    assertThat(back.full, is(true));
  }
}
