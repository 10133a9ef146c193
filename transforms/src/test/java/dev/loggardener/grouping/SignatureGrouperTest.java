package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.loggardener.signature.Signer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/** The learning stage as a specification: what it merges, what it leaves, and its guarantees. */
public class SignatureGrouperTest {

  private static Map<String, Long> weights(String... templates) {
    Map<String, Long> w = new TreeMap<>();
    for (String t : templates) {
      w.merge(t, 1L, Long::sum);
    }
    return w;
  }

  private static final String[] REMOVALS = {
    "Failed to remove cache entry alpha from store", "Failed to remove cache entry beta from store",
    "Failed to remove cache entry gamma from store",
        "Failed to remove cache entry delta from store",
    "Failed to remove cache entry omega from store",
        "Failed to remove cache entry sigma from store",
  };

  @Test
  public void positionWithAnOpenSetOfValuesBecomesVariable() {
    LearnedGroups g = SignatureGrouper.learn(weights(REMOVALS), LearnedGroups.empty());
    for (String t : REMOVALS) {
      assertThat(g.groupOf(t), equalTo("Failed to remove cache entry <*> from store"));
    }
  }

  @Test
  public void aHandfulOfValuesIsAnEnumerationAndStays() {
    LearnedGroups g =
        SignatureGrouper.learn(
            weights(
                "[instance: <*>] VM Paused (Lifecycle Event)",
                "[instance: <*>] VM Resumed (Lifecycle Event)",
                "[instance: <*>] VM Started (Lifecycle Event)",
                "[instance: <*>] VM Stopped (Lifecycle Event)"),
            LearnedGroups.empty());
    assertThat(g.size(), equalTo(0));
    assertThat(
        g.groupOf("[instance: <*>] VM Paused (Lifecycle Event)"),
        equalTo("[instance: <*>] VM Paused (Lifecycle Event)"));
  }

  @Test
  public void templatesThatShareFewerThanTwoWordsAreNotGrouped() {
    LearnedGroups g =
        SignatureGrouper.learn(
            weights("cupsd ok", "hcid ok", "klogd ok", "portmap ok", "sshd ok", "crond ok"),
            LearnedGroups.empty());
    assertThat(g.groupOf("cupsd ok"), equalTo("cupsd ok"));
  }

  @Test
  public void differentShapesNeverMerge() {
    List<String> all = new ArrayList<>(List.of(REMOVALS));
    all.add("Failed to remove cache entry alpha from the store");
    LearnedGroups g =
        SignatureGrouper.learn(weights(all.toArray(new String[0])), LearnedGroups.empty());
    assertThat(
        g.groupOf("Failed to remove cache entry alpha from the store"),
        equalTo("Failed to remove cache entry alpha from the store"));
  }

  @Test
  public void stackTraceSignaturesAreNotGeneralized() {
    String[] traces = new String[6];
    for (int i = 0; i < traces.length; i++) {
      traces[i] = "ValueError: bad input | at handler" + (char) ('a' + i) + " (app/views.py)";
    }
    LearnedGroups g = SignatureGrouper.learn(weights(traces), LearnedGroups.empty());
    assertThat(g.groupOf(traces[0]), equalTo(traces[0]));
  }

  @Test
  public void theResultDoesNotDependOnTheOrderOfTheTemplates() {
    List<String> order = new ArrayList<>(List.of(REMOVALS));
    order.add("session opened for user root by (uid=<*>)");
    order.add("session opened for user news by (uid=<*>)");
    LearnedGroups first = SignatureGrouper.learn(insertionOrdered(order), LearnedGroups.empty());
    Collections.reverse(order);
    LearnedGroups second = SignatureGrouper.learn(insertionOrdered(order), LearnedGroups.empty());
    assertThat(second, equalTo(first));
  }

  private static Map<String, Long> insertionOrdered(List<String> templates) {
    Map<String, Long> w = new LinkedHashMap<>();
    for (String t : templates) {
      w.put(t, 1L);
    }
    return w;
  }

  @Test
  public void aLearnedGroupStillAppliesWhenOnlyOneMemberIsSeen() {
    LearnedGroups learned = SignatureGrouper.learn(weights(REMOVALS), LearnedGroups.empty());
    LearnedGroups next = SignatureGrouper.learn(weights(REMOVALS[0]), learned);
    assertThat(next, equalTo(learned));
    assertThat(next.groupOf(REMOVALS[0]), equalTo("Failed to remove cache entry <*> from store"));
  }

  @Test
  public void learningIsMonotoneAVariablePositionStaysVariable() {
    LearnedGroups learned = SignatureGrouper.learn(weights(REMOVALS), LearnedGroups.empty());
    // six values at another position, seen later, generalize the learned group further
    String[] more = new String[6];
    for (int i = 0; i < more.length; i++) {
      more[i] = "Failed to remove cache entry alpha from " + "store" + (char) ('A' + i);
    }
    LearnedGroups next = SignatureGrouper.learn(weights(more), learned);
    assertThat(next.groupOf(REMOVALS[3]), equalTo("Failed to remove cache entry <*> from store"));
    for (String p : learned.patterns()) {
      String[] pt = Tokens.split(p);
      String general = next.groupOf(p);
      assertThat(Tokens.masks(Tokens.split(general)) >= Tokens.masks(pt), equalTo(true));
    }
  }

  @Test
  public void aGroupOfOneTemplateHasThatTemplatesId() {
    String template = "Container called exit(<*>).";
    assertThat(SignatureGrouper.groupId(template), equalTo(Signer.idOfTemplate(template)));
  }

  @Test
  public void theHeaviestTemplatesAreLearnedFromWhenThereAreTooMany() {
    Map<String, Long> w = new TreeMap<>();
    for (int i = 0; i < SignatureGrouper.MAX_TEMPLATES + 10; i++) {
      w.put("noise template number " + Integer.toString(i, 36) + " x", 1L);
    }
    for (String t : REMOVALS) {
      w.put(t, 1_000L);
    }
    LearnedGroups g = SignatureGrouper.learn(w, LearnedGroups.empty());
    assertThat(g.groupOf(REMOVALS[0]), equalTo("Failed to remove cache entry <*> from store"));
  }

  @Test
  public void threeValuesOfOneKeyAreEnoughForAKeyValuePosition() {
    LearnedGroups g =
        SignatureGrouper.learn(
            weights(
                "authentication failure; rhost=<*> user=root",
                "authentication failure; rhost=<*> user=guest",
                "authentication failure; rhost=<*> user=test"),
            LearnedGroups.empty());
    assertThat(
        g.groupOf("authentication failure; rhost=<*> user=guest"),
        equalTo("authentication failure; rhost=<*> user=<*>"));
  }

  @Test
  public void twoValuesOfAKeyAreEnoughBehindThreeConstantWords() {
    LearnedGroups kv =
        SignatureGrouper.learn(
            weights("cache flush done mode=fast", "cache flush done mode=safe"),
            LearnedGroups.empty());
    assertThat(kv.groupOf("cache flush done mode=safe"), equalTo("cache flush done mode=<*>"));
  }

  @Test
  public void twoValuesOfAKeyBehindTooLittleTextAreNotEnough() {
    LearnedGroups kv =
        SignatureGrouper.learn(
            weights("flush mode=fast", "flush mode=safe"), LearnedGroups.empty());
    assertThat(kv.size(), equalTo(0));
  }

  @Test
  public void threeBareWordsAreNotEnough() {
    LearnedGroups words =
        SignatureGrouper.learn(
            weights("cache flush done fast", "cache flush done safe", "cache flush done slow"),
            LearnedGroups.empty());
    assertThat(words.size(), equalTo(0));
  }
}
