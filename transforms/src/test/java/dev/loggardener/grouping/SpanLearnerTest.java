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

  /**
   * The same wire error logged bare and behind "error:" / "Error:": three sibling statements in one
   * batch. Each names a handful of fields, too few to be a variable; together they name ten.
   */
  private static final Object[] WIRE_ERRORS = {
    "proto: wrong wireType = admin for field ChunkedSeries", 47L,
    "Error: proto: wrong wireType = error for field ResetHint", 40L,
    "proto: wrong wireType = quorum for field ChunkedSeries", 31L,
    "error: proto: wrong wireType = stream for field Summary", 13L,
    "proto: wrong wireType = remote for field ZeroCountInt", 8L,
    "error: proto: wrong wireType = observing for field Hints", 8L,
    "error: proto: wrong wireType = observing for field NegativeDelta", 6L,
    "error: proto: wrong wireType = fanout for field Summary", 5L,
    "error: proto: wrong wireType = <*> for field Type", 5L,
    "error: proto: wrong wireType = restarting for field Gauge", 3L,
    "error: proto: wrong wireType = ready for field Type", 2L,
    "error: proto: wrong wireType = following for field Type", 2L,
    "Error: proto: wrong wireType = guest for field Label", 2L,
    "proto: wrong wireType = unknown for field ResetHint", 1L,
    "proto: wrong wireType = gzip for field ResetHint", 1L,
    "proto: wrong wireType = assigned for field Quantile", 1L,
    "error: proto: wrong wireType = unassigned for field Histograms", 1L,
    "error: proto: wrong wireType = starting for field Histograms", 1L,
    "error: proto: wrong wireType = plain for field Histograms", 1L,
    "error: proto: wrong wireType = idle for field Histograms", 1L,
    "error: proto: wrong wireType = eu for field Histograms", 1L
  };

  private static Map<String, Long> weights(Object[] rows, boolean bareOnly) {
    Map<String, Long> w = new TreeMap<>();
    for (int i = 0; i < rows.length; i += 2) {
      String t = (String) rows[i];
      if (!bareOnly || t.startsWith("proto:")) {
        w.put(t, (Long) rows[i + 1]);
      }
    }
    return w;
  }

  @Test
  public void aStatementIsLearnedBesideItsSiblingsAsItIsLearnedAlone() {
    LearnedGroups alone = SignatureGrouper.learn(weights(WIRE_ERRORS, true), LearnedGroups.empty());
    LearnedGroups together =
        SignatureGrouper.learn(weights(WIRE_ERRORS, false), LearnedGroups.empty());
    for (String t : weights(WIRE_ERRORS, true).keySet()) {
      assertThat(t, together.groupOf(t), equalTo(alone.groupOf(t)));
    }
    assertThat(
        together.groupOf("proto: wrong wireType = admin for field ChunkedSeries"),
        equalTo("proto: wrong wireType = <*> for field ChunkedSeries"));
  }
}
