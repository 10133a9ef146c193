package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/** The per-service state of the grouping stage survives encoding, byte for byte. */
public class LearnedGroupsCoderTest {
  private static final List<String> PATTERNS =
      List.of("user <*> logged out after idle timeout", "GET <*> 503", "job <*> failed on <*>");

  @Test
  public void roundTripsEmptyAndLearnedGroups() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(LearnedGroupsCoder.of(), LearnedGroups.empty());
    CoderProperties.coderDecodeEncodeEqual(LearnedGroupsCoder.of(), LearnedGroups.of(PATTERNS));
  }

  @Test
  public void isDeterministicWhateverOrderThePatternsCameIn() throws Exception {
    CoderProperties.coderDeterministic(
        LearnedGroupsCoder.of(),
        LearnedGroups.of(PATTERNS),
        LearnedGroups.of(List.of(PATTERNS.get(2), PATTERNS.get(0), PATTERNS.get(1))));
    LearnedGroupsCoder.of().verifyDeterministic();
  }

  @Test
  public void decodedGroupsGroupAsTheOriginalDoes() throws Exception {
    LearnedGroups learned =
        SignatureGrouper.learn(
            java.util.Map.of(
                "user alice logged out after idle timeout", 3L,
                "user bob logged out after idle timeout", 1L,
                "user carol logged out after idle timeout", 1L,
                "user dave logged out after idle timeout", 1L,
                "user erin logged out after idle timeout", 1L,
                "user frank logged out after idle timeout", 1L),
            LearnedGroups.empty());
    LearnedGroups decoded = CoderUtils.clone(LearnedGroupsCoder.of(), learned);
    assertThat(decoded, is(learned));
    assertThat(
        decoded.groupOf("user zoe logged out after idle timeout"),
        is("user <*> logged out after idle timeout"));
  }
}
