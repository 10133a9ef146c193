package dev.loggardener.grouping;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/** The span pass of the learning stage: values that take several tokens, and what stays apart. */
public class SpanLearnerTest {
  private static LearnedGroups learn(String... templates) {
    Map<String, Long> w = new TreeMap<>();
    for (String t : templates) {
      w.merge(t, 2L, Long::sum);
    }
    return SignatureGrouper.learn(w, LearnedGroups.empty());
  }

  @Test
  public void aNameOfOneOrThreeWordsAfterALeadInIsOneValue() {
    LearnedGroups g =
        learn(
            "<*> - [warn] [http request:buffer] non-http transport requested",
            "<*> - [warn] [http request:store reading] non-http transport requested",
            "<*> - [warn] [http request:alert on high temp] non-http transport requested");
    assertThat(
        g.groupOf("<*> - [warn] [http request:log errors] non-http transport requested"),
        equalTo("<*> - [warn] [http request:<*>] non-http transport requested"));
  }

  @Test
  public void aNestedMessageAfterWhatFailedIsOneValueWhateverItsLength() {
    LearnedGroups g =
        learn(
            "Error: couldn't read members from backend: invalid character looking for value",
            "Error: couldn't read members from backend: flag is not supported");
    assertThat(
        g.groupOf("Error: couldn't read members from backend: connection refused"),
        equalTo("Error: couldn't read members from backend: <*>"));
  }

  @Test
  public void anEmptyFieldBesideFilledOnesIsAValueOfThatPosition() {
    LearnedGroups g = learn("connection from <*> () at <*>", "connection from <*> (<*>) at <*>");
    assertThat(
        g.groupOf("connection from <*> () at <*>"),
        equalTo(g.groupOf("connection from <*> (<*>) at <*>")));
    assertThat(
        g.groupOf("connection from <*> () at <*>"), equalTo("connection from <*> <*> at <*>"));
  }

  @Test
  public void emptyFieldsAloneAreNoValue() {
    LearnedGroups g = learn("connection from <*> () at <*>", "connection from <*> [] at <*>");
    assertThat(g.size(), equalTo(0));
  }

  @Test
  public void siblingsThatDifferInOnePlainWordStayApart() {
    LearnedGroups g =
        learn(
            "operation RemoveContainer failed for the sandbox",
            "operation StartContainer failed for the sandbox");
    assertThat(g.size(), equalTo(0));
  }

  @Test
  public void threeWordsInALongSentenceAreNamesOfOneStatement() {
    LearnedGroups g =
        learn(
            "Error: the Bytes file could not be read back as valid json",
            "Error: the Buffer file could not be read back as valid json",
            "Error: the Relation file could not be read back as valid json");
    assertThat(
        g.groupOf("Error: the Buffer file could not be read back as valid json"),
        equalTo("Error: the <*> file could not be read back as valid json"));
  }

  @Test
  public void anEnumerationInAShortSentenceStaysApart() {
    LearnedGroups g =
        learn(
            "[instance: <*>] VM Started (Lifecycle Event)",
            "[instance: <*>] VM Stopped (Lifecycle Event)",
            "[instance: <*>] VM Paused (Lifecycle Event)",
            "[instance: <*>] VM Resumed (Lifecycle Event)");
    assertThat(g.size(), equalTo(0));
  }

  @Test
  public void theHeaderOfAnExceptionIsNotWhatFailed() {
    LearnedGroups g =
        learn(
            "Caused by: java.lang.IllegalStateException: Cannot store tombstone in latest value",
            "Caused by: java.lang.IllegalStateException: Unexpected response of length <*>");
    assertThat(g.size(), equalTo(0));
  }

  @Test
  public void aFrequentLeadingWordOfASpanSplitsItsStatements() {
    LearnedGroups g =
        learn(
            "<*> \"GET /v2/<*>/servers/detail HTTP/1.1\" status: <*> len: <*> time: <*>",
            "<*> \"GET /openstack/<*>/meta_data.json HTTP/1.1\" status: <*> len: <*> time: <*>",
            "<*> \"POST /v2/<*>/os-server-external-events HTTP/1.1\" status: <*> len: <*> time: <*>",
            "<*> \"POST /v2/<*>/servers HTTP/1.1\" status: <*> len: <*> time: <*>");
    String get =
        g.groupOf("<*> \"GET /v2/<*>/servers/detail HTTP/1.1\" status: <*> len: <*> time: <*>");
    String post = g.groupOf("<*> \"POST /v2/<*>/servers HTTP/1.1\" status: <*> len: <*> time: <*>");
    assertThat(get, not(equalTo(post)));
  }

  @Test
  public void aWordWildcardNeverCoversMoreThanOneWord() {
    Glob word = new Glob("user <*> logged out", new boolean[] {false});
    Glob span = new Glob("user <*> logged out", new boolean[] {true});
    assertThat(word.matches("user alice logged out"), equalTo(true));
    assertThat(word.matches("user alice smith logged out"), equalTo(false));
    assertThat(span.matches("user alice smith logged out"), equalTo(true));
    assertThat(span.matches("user  logged out"), equalTo(false));
  }

  @Test
  public void spanPatternsSurviveTheStateCoder() throws Exception {
    LearnedGroups g =
        learn(
            "<*> - [warn] [yaml:buffer] Ignored non-object payload",
            "<*> - [warn] [yaml:to influx] Ignored non-object payload");
    LearnedGroups decoded = CoderUtils.clone(LearnedGroupsCoder.of(), g);
    assertThat(decoded, equalTo(g));
    assertThat(
        decoded.groupOf("<*> - [warn] [yaml:log errors] Ignored non-object payload"),
        equalTo("<*> - [warn] [yaml:<*>] Ignored non-object payload"));
  }

  @Test
  public void learningAgainFromWhatWasLearnedKeepsEachGroup() {
    LearnedGroups first =
        learn(
            "<*> - [warn] [yaml:buffer] Ignored non-object payload",
            "<*> - [warn] [yaml:to influx] Ignored non-object payload");
    Map<String, Long> next = new TreeMap<>();
    next.put("<*> - [warn] [yaml:parse payload now] Ignored non-object payload", 1L);
    next.put("<*> - [warn] [yaml:buffer] Ignored non-object payload", 1L);
    LearnedGroups second = SignatureGrouper.learn(next, first);
    assertThat(
        second.groupOf("<*> - [warn] [yaml:buffer] Ignored non-object payload"),
        equalTo(first.groupOf("<*> - [warn] [yaml:buffer] Ignored non-object payload")));
  }
}
