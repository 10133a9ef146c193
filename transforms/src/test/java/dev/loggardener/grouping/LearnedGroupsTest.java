package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The learned state: matching, subsumption and its cap. */
public class LearnedGroupsTest {

  @Test
  public void aTemplateWithoutAMatchingPatternIsItsOwnGroup() {
    LearnedGroups g = LearnedGroups.of(List.of("removing <*> now"));
    assertThat(g.groupOf("adding echo now"), equalTo("adding echo now"));
    assertThat(g.groupOf("removing echo"), equalTo("removing echo"));
  }

  @Test
  public void theMostGeneralMatchingPatternWins() {
    LearnedGroups g = LearnedGroups.of(List.of("a <*> c d", "x y z w"));
    g = g.plus(List.of("a <*> c <*>"));
    assertThat(g.patterns(), contains("a <*> c <*>", "x y z w"));
    assertThat(g.groupOf("a b c d"), equalTo("a <*> c <*>"));
  }

  @Test
  public void aPatternAlreadyCoveredAddsNothing() {
    LearnedGroups g = LearnedGroups.of(List.of("a <*> c <*>"));
    assertThat(g.plus(List.of("a <*> c d")), equalTo(g));
  }

  @Test
  public void noPatternIsAddedBeyondTheCap() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < LearnedGroups.MAX_PATTERNS + 5; i++) {
      many.add("pattern " + i + " <*>");
    }
    LearnedGroups g = LearnedGroups.empty().plus(many);
    assertThat(g.size(), equalTo(LearnedGroups.MAX_PATTERNS));
  }

  @Test
  public void aKeyMaskMatchesEveryValueOfItsKeyOnly() {
    LearnedGroups g = LearnedGroups.of(List.of("login failed user=<*>"));
    assertThat(g.groupOf("login failed user=bob"), equalTo("login failed user=<*>"));
    assertThat(g.groupOf("login failed host=bob"), equalTo("login failed host=bob"));
    assertThat(g.groupOf("login failed user"), equalTo("login failed user"));
  }
}
