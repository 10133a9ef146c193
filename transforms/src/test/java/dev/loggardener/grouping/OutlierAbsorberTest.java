package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * One rare value of another shape no longer keeps a few messages out of a big group, while siblings
 * that differ in a constant word stay apart. The fixtures are short on purpose: the outlier differs
 * from the group at two of six tokens, too many for the span pass to align it.
 */
public class OutlierAbsorberTest {
  private static final String REFUSED = "connect to <*> port <*> refused";
  private static final String LOCAL = "connect to LOCAL(<*>) port auto refused";

  private static LearnedGroups learn(Map<String, Long> weights) {
    return SignatureGrouper.learn(weights, LearnedGroups.empty());
  }

  @Test
  public void aRareTemplateWithOtherValuesAtTheMasksJoinsTheGroup() {
    Map<String, Long> w = new TreeMap<>();
    w.put(REFUSED, 568L);
    w.put(LOCAL, 2L);
    LearnedGroups g = learn(w);
    assertThat(g.groupOf(LOCAL), equalTo(REFUSED));
    // the group keeps its text, so its id does not move
    assertThat(g.groupOf(REFUSED), equalTo(REFUSED));
  }

  @Test
  public void aTemplateNearlyAsFrequentAsTheGroupIsNotAnOutlier() {
    Map<String, Long> w = new TreeMap<>();
    w.put(REFUSED, 10L);
    w.put(LOCAL, 8L);
    LearnedGroups g = learn(w);
    assertThat(g.groupOf(LOCAL), equalTo(LOCAL));
  }

  @Test
  public void aDifferenceOutsideTheMasksKeepsATemplateApart() {
    Map<String, Long> w = new TreeMap<>();
    w.put(REFUSED, 568L);
    String other = "connect to LOCAL(<*>) port auto timeout";
    w.put(other, 2L);
    LearnedGroups g = learn(w);
    assertThat(g.groupOf(other), equalTo(other));
  }

  @Test
  public void siblingsThatDifferInAConstantWordStayApart() {
    Map<String, Long> w = new TreeMap<>();
    String v4 = "send IPv4 address data to <*> failed";
    String v6 = "send IPv6 address data to <*> failed";
    w.put(v4, 400L);
    w.put(v6, 3L);
    String remove = "RemoveContainer failed for pod <*>";
    String start = "StartContainer failed for pod <*>";
    w.put(remove, 300L);
    w.put(start, 2L);
    LearnedGroups g = learn(w);
    assertThat(g.groupOf(v6), equalTo(v6));
    assertThat(g.groupOf(start), equalTo(start));
  }

  @Test
  public void whatWasAbsorbedStaysInTheGroupInALaterWindow() {
    Map<String, Long> w = new TreeMap<>();
    w.put(REFUSED, 568L);
    w.put(LOCAL, 2L);
    LearnedGroups first = learn(w);
    LearnedGroups later = SignatureGrouper.learn(Map.of(LOCAL, 50L), first);
    assertThat(later.groupOf(LOCAL), equalTo(REFUSED));
    assertThat(LearnedGroups.of(later.encoded()), equalTo(later));
  }
}
