package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/** The values behind each mask of a group template, as rows and reports show them. */
public class VariableValuesTest {
  private static Map<String, Long> members(Object... templateAndCount) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < templateAndCount.length; i += 2) {
      m.put((String) templateAndCount[i], ((Number) templateAndCount[i + 1]).longValue());
    }
    return m;
  }

  @Test
  public void eachPositionListsItsValuesTheMostFrequentFirst() {
    List<String> v =
        VariableValues.of(
            "Unknown job state: <*>",
            members("Unknown job state: draining", 3, "Unknown job state: shutdown", 12));
    assertThat(v, contains("shutdown ×12, draining ×3"));
  }

  @Test
  public void aValueTheSignerMaskedStaysHidden() {
    List<String> v =
        VariableValues.of(
            "user <*> failed from <*>",
            members("user alice failed from <*>", 2, "user bob failed from <*>", 1));
    assertThat(v, contains("alice ×2, bob ×1", ""));
  }

  @Test
  public void aSpanValueKeepsAllItsWords() {
    List<String> v =
        VariableValues.of(
            "[http request:<*>] non-http transport requested",
            members(
                "[http request:store reading] non-http transport requested", 5,
                "[http request:buffer] non-http transport requested", 2));
    assertThat(v, contains("store reading ×5, buffer ×2"));
  }

  @Test
  public void valuesAreCappedAndTheRestCounted() {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < 8; i++) {
      m.put("state " + (char) ('a' + i) + " reached", (long) (10 - i));
    }
    List<String> v = VariableValues.of("state <*> reached", m);
    assertThat(v.get(0), equalTo("a ×10, b ×9, c ×8, d ×7, e ×6, … (3 more)"));
  }

  @Test
  public void aTemplateWithoutMasksHasNoValues() {
    assertThat(VariableValues.of("disk full", members("disk full", 1)), empty());
  }
}
