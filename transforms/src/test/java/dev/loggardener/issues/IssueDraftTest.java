package dev.loggardener.issues;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

/** An issue draft is a value: the pipeline moves it through Beam's {@code SerializableCoder}. */
public class IssueDraftTest {
  private static IssueDraft draft(String body) {
    return new IssueDraft(
        "P0: No module named 'x'",
        body,
        List.of("log-gardener", "P0"),
        "<!-- log-gardener:signature=abc -->",
        "<!-- log-gardener:window=2025-09-16T01:00Z -->",
        "Seen again: 45 more",
        "netra-backend/abc.md");
  }

  @Test
  public void aDraftDecodesToAnEqualDraft() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(SerializableCoder.of(IssueDraft.class), draft("body"));
  }

  @Test
  public void draftsDifferingInOneFieldAreNotEqual() {
    assertThat(draft("body"), is(draft("body")));
    assertThat(draft("body").hashCode(), is(draft("body").hashCode()));
    assertThat(draft("body"), is(not(draft("another body"))));
  }
}
