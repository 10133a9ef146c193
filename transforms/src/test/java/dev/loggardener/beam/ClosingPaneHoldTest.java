package dev.loggardener.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.ValueState;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/** The hold's bookkeeping, on in-memory state and a timer that records what it was set to. */
public class ClosingPaneHoldTest {
  private static final Instant T0 = Instant.parse("2026-12-06T02:59:59.999Z");
  private static final Instant H1 = T0.plus(Duration.standardHours(6));
  private static final Instant H2 = H1.plus(Duration.standardHours(1));

  private final Value<List<Long>> open = new Value<>();
  private final Value<Integer> renewals = new Value<>();
  private final FakeTimer hold = new FakeTimer();

  @Test
  public void aWindowsFirstPaneHoldsOutputAtItsExpiryAndFiresJustAfterIt() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);

    assertThat(open.read(), contains(H1.getMillis()));
    assertThat(hold.output, is(H1));
    assertThat(hold.firesAt, is(H1.plus(1)));
  }

  @Test
  public void theHoldFollowsTheEarliestOpenWindow() {
    ClosingPaneHold.pane(open, renewals, hold, H2, false, T0);
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);

    assertThat(open.read(), contains(H1.getMillis(), H2.getMillis()));
    assertThat(hold.output, is(H1));
  }

  @Test
  public void moreEarlyPanesOfAnOpenWindowChangeNothing() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);
    hold.sets = 0;
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);

    assertThat(hold.sets, is(0));
  }

  @Test
  public void theLastPaneMovesTheHoldToTheNextOpenWindow() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);
    ClosingPaneHold.pane(open, renewals, hold, H2, false, T0);
    ClosingPaneHold.pane(open, renewals, hold, H1, true, H1);

    assertThat(open.read(), contains(H2.getMillis()));
    assertThat(hold.output, is(H2));
  }

  @Test
  public void theLastPaneOfTheOnlyOpenWindowClearsStateAndTimer() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);
    ClosingPaneHold.pane(open, renewals, hold, H1, true, H1);

    assertThat(open.read(), nullValue());
    assertThat(hold.cleared, is(true));
  }

  @Test
  public void aLastPaneOfAWindowNeverHeldTouchesNothing() {
    ClosingPaneHold.pane(open, renewals, hold, H1, true, T0);

    assertThat(open.read(), nullValue());
    assertThat(hold.sets, is(0));
    assertThat(hold.cleared, is(false));
  }

  @Test
  public void aHoldNeverMovesBeforeTheTimeItIsSetAt() {
    Instant later = H1.plus(Duration.standardMinutes(5));
    ClosingPaneHold.pane(open, renewals, hold, H1, false, later);

    assertThat(hold.output, is(later));
  }

  @Test
  public void anOverdueClosingPaneRenewsTheHoldAndCountsTheRenewal() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);
    ClosingPaneHold.fired(open, renewals, hold, H1);

    assertThat(renewals.read(), is(1));
    assertThat(open.read(), contains(H1.getMillis()));
    assertThat(hold.output, is(H1));
  }

  @Test
  public void theLastPaneResetsTheRenewals() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);
    ClosingPaneHold.pane(open, renewals, hold, H2, false, T0);
    ClosingPaneHold.fired(open, renewals, hold, H1);
    ClosingPaneHold.pane(open, renewals, hold, H1, true, H1);

    assertThat(renewals.read(), nullValue());
  }

  @Test
  public void aWindowWhoseClosingPaneNeverComesIsGivenUpAfterTheRenewalCap() {
    ClosingPaneHold.pane(open, renewals, hold, H1, false, T0);
    ClosingPaneHold.pane(open, renewals, hold, H2, false, T0);
    for (int i = 0; i < ClosingPaneHold.MAX_RENEWALS; i++) {
      ClosingPaneHold.fired(open, renewals, hold, H1);
      assertThat(open.read(), contains(H1.getMillis(), H2.getMillis()));
    }
    ClosingPaneHold.fired(open, renewals, hold, H1);

    assertThat(open.read(), contains(H2.getMillis()));
    assertThat(renewals.read(), nullValue());
    assertThat(hold.output, is(H2));
  }

  @Test
  public void aFiringWithNothingOpenSetsNothing() {
    ClosingPaneHold.fired(open, renewals, hold, H1);

    assertThat(hold.sets, is(0));
    assertThat(renewals.read(), nullValue());
  }

  private static final class Value<T> implements ValueState<T> {
    private T value;

    @Override
    public void write(T v) {
      value = v;
    }

    @Override
    public T read() {
      return value;
    }

    @Override
    public ValueState<T> readLater() {
      return this;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  private static final class FakeTimer implements Timer {
    Instant output;
    Instant firesAt;
    int sets;
    boolean cleared;
    private Instant pendingOutput;

    @Override
    public void set(Instant at) {
      firesAt = at;
      output = pendingOutput == null ? at : pendingOutput;
      pendingOutput = null;
      sets++;
      cleared = false;
    }

    @Override
    public void setRelative() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
      cleared = true;
      firesAt = null;
      output = null;
    }

    @Override
    public Timer offset(Duration offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer align(Duration period) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer withOutputTimestamp(Instant t) {
      pendingOutput = t;
      return this;
    }

    @Override
    public Timer withNoOutputTimestamp() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant getCurrentRelativeTime() {
      throw new UnsupportedOperationException();
    }
  }
}
