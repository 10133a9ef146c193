package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.loggardener.signature.Signer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * Stack traces in the learning stage: the exception type and in-app frames name the bug, the
 * message inside is learned like any other, among traces of one type and frames only.
 */
public class TraceLearnerTest {
  private static final Signer SIGNER = new Signer();

  private static final String CART_FRAMES =
      "Traceback (most recent call last):\n"
          + "  File \"/app/shop/views.py\", line 12, in checkout\n"
          + "    total = cart.lookup(key)\n"
          + "  File \"/app/shop/cart.py\", line 40, in lookup\n"
          + "    return items[key]\n";

  private static final String USER_FRAMES =
      "Traceback (most recent call last):\n"
          + "  File \"/app/accounts/views.py\", line 7, in profile\n"
          + "    user = users.find(name)\n"
          + "  File \"/app/accounts/store.py\", line 88, in find\n"
          + "    return rows[name]\n";

  /** The trace template the signer gives a Python trace ending in {@code last}. */
  private static String trace(String frames, String last) {
    return SIGNER.sign(frames + last).template();
  }

  private static LearnedGroups learn(String... templates) {
    Map<String, Long> w = new TreeMap<>();
    for (String t : templates) {
      w.merge(t, 1L, Long::sum);
    }
    return SignatureGrouper.learn(w, LearnedGroups.empty());
  }

  @Test
  public void keysInTheMessageOfOneTraceAreOneGroup() {
    String[] keys = {
      trace(CART_FRAMES, "KeyError: 'user_42'"),
      trace(CART_FRAMES, "KeyError: 'order_7'"),
      trace(CART_FRAMES, "KeyError: 'alice'"),
      trace(CART_FRAMES, "KeyError: 'bob'"),
    };
    LearnedGroups g = learn(keys);
    String group = g.groupOf(keys[0]);
    assertThat(
        group, equalTo("KeyError: '<*>' | at lookup (shop/cart.py) | at checkout (shop/views.py)"));
    for (String t : keys) {
      assertThat(g.groupOf(t), equalTo(group));
    }
  }

  @Test
  public void theSameMessageFromOtherFramesIsAnotherGroup() {
    String cartAlice = trace(CART_FRAMES, "KeyError: 'alice'");
    String cartBob = trace(CART_FRAMES, "KeyError: 'bob'");
    String userAlice = trace(USER_FRAMES, "KeyError: 'alice'");
    String userBob = trace(USER_FRAMES, "KeyError: 'bob'");
    LearnedGroups g = learn(cartAlice, cartBob, userAlice, userBob);
    assertThat(g.groupOf(cartAlice), equalTo(g.groupOf(cartBob)));
    assertThat(g.groupOf(userAlice), equalTo(g.groupOf(userBob)));
    assertThat(g.groupOf(cartAlice), not(equalTo(g.groupOf(userAlice))));
  }

  @Test
  public void anotherExceptionTypeAtTheSameFramesIsAnotherGroup() {
    String keyA = trace(CART_FRAMES, "KeyError: 'alice'");
    String keyB = trace(CART_FRAMES, "KeyError: 'bob'");
    String lookupA = trace(CART_FRAMES, "LookupError: 'alice'");
    String lookupB = trace(CART_FRAMES, "LookupError: 'bob'");
    LearnedGroups g = learn(keyA, keyB, lookupA, lookupB);
    assertThat(g.groupOf(keyA), equalTo(g.groupOf(keyB)));
    assertThat(g.groupOf(lookupA), equalTo(g.groupOf(lookupB)));
    assertThat(g.groupOf(keyA), not(equalTo(g.groupOf(lookupA))));
  }

  @Test
  public void messagesThatDifferInOnePlainWordStayApart() {
    String fast = trace(CART_FRAMES, "ValueError: unknown checkout mode fast");
    String slow = trace(CART_FRAMES, "ValueError: unknown checkout mode slow");
    LearnedGroups g = learn(fast, slow);
    assertThat(g.groupOf(fast), equalTo(fast));
    assertThat(g.groupOf(slow), equalTo(slow));
  }

  @Test
  public void aMessagePatternNeverTakesInATrace() {
    LearnedGroups g = LearnedGroups.of(List.of(LearnedGroups.SPAN_MARK + "s Failed to remove <*>"));
    String message = "Failed to remove cache entry alpha";
    String trace = "Failed to remove cache entry alpha | at evict (shop/cache.py)";
    assertThat(g.groupOf(message), equalTo("Failed to remove <*>"));
    assertThat(g.groupOf(trace), equalTo(trace));
  }

  @Test
  public void aLaterWindowWithOneNewValueJoinsTheLearnedGroup() {
    LearnedGroups first =
        learn(trace(CART_FRAMES, "KeyError: 'alice'"), trace(CART_FRAMES, "KeyError: 'bob'"));
    String carol = trace(CART_FRAMES, "KeyError: 'carol'");
    LearnedGroups second = SignatureGrouper.learn(Map.of(carol, 3L), first);
    assertThat(second, equalTo(first));
    assertThat(
        second.groupOf(carol), equalTo(first.groupOf(trace(CART_FRAMES, "KeyError: 'alice'"))));
  }

  @Test
  public void traceGroupsSurviveTheStateCoder() {
    LearnedGroups g =
        learn(trace(CART_FRAMES, "KeyError: 'alice'"), trace(CART_FRAMES, "KeyError: 'bob'"));
    assertThat(LearnedGroups.of(g.encoded()), equalTo(g));
  }

  @Test
  public void framesWithMaskedLambdaNumbersStayLiteralAroundALearnedMessage() {
    String frames =
        "\tat com.acme.orders.Repository.lambda$find$0(Repository.java:42)\n"
            + "\tat com.acme.orders.Service.load(Service.java:10)\n";
    String alice =
        SIGNER
            .sign("java.lang.IllegalStateException: unknown tenant 'alice'\n" + frames)
            .template();
    String bob =
        SIGNER.sign("java.lang.IllegalStateException: unknown tenant 'bob'\n" + frames).template();
    String otherFrame =
        SIGNER
            .sign(
                "java.lang.IllegalStateException: unknown tenant 'carol'\n"
                    + frames.replace("Service.load", "Service.save"))
            .template();
    LearnedGroups g = learn(alice, bob, otherFrame);
    assertThat(g.groupOf(alice), equalTo(g.groupOf(bob)));
    assertThat(g.groupOf(alice).contains("lambda$find$<*>"), equalTo(true));
    assertThat(g.groupOf(otherFrame), equalTo(otherFrame));
  }
}
