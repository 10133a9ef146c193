package dev.loggardener.pipeline.io;

import static dev.loggardener.pipeline.io.StreamingScenario.entry;
import static dev.loggardener.pipeline.io.StreamingScenario.settle;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.signature.Signer;
import java.util.Map;
import org.apache.beam.sdk.testing.TestStream;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The streaming contract of {@code docs/streaming.md}, scenario by scenario over the whole graph
 * on the DirectRunner: the drafts each launch made and the status of the next hour are checked
 * here; the rows each scenario left in the (fake) table are written out with the generator's
 * counts, and {@code sql-check}'s {@code StreamingScenariosViewTest} runs the committed {@code
 * clusters_latest} view over them on ZetaSQL and compares.
 */
public class StreamingContractScenariosTest {
  /** Three hours ago: within the days a relaunch seeds its history from. */
  static final Instant HOUR =
      new Instant(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
          .minus(java.time.Duration.ofHours(3)).toEpochMilli());
  static final Instant NEXT = HOUR.plus(Duration.standardHours(1));
  static final String EXIT = "Container called exit(3).";
  static final String EXIT_ID = Signer.idOfTemplate("Container called exit(<*>).");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** An exit entry {@code minute} minutes (and {@code second} seconds) into the hour under test. */
  static RawRecord exit(long n, int minute, int second) {
    return entry(n, "orders-api", "ERROR", EXIT, at(minute, second));
  }

  static String at(int minute, int second) {
    return HOUR.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second)).toString();
  }

  @Test
  public void aBurstEarlyInTheHourIsFiledOnceAndTheNextHourIsOngoing() throws Exception {
    StreamingScenario s = new StreamingScenario("burst-early-in-the-hour", tmp.getRoot().toPath());
    TestStream.Builder<RawRecord> b =
        StreamingScenario.stream()
            .addElements(exit(1, 3, 0), exit(2, 3, 30));
    b = settle(b.advanceProcessingTime(Duration.standardMinutes(6)), 12);
    b = settle(b.advanceWatermarkTo(NEXT).addElements(exit(3, 63, 0)), 12);
    s.stream("launch-a", b.advanceWatermarkToInfinity(), o -> {});
    s.expect(HOUR, "orders-api", EXIT_ID, 2).expect(NEXT, "orders-api", EXIT_ID, 1).dump();

    assertThat(s.draftsPerCluster(), is(Map.of(EXIT_ID, 1L)));
    assertThat(s.latestStatus(NEXT, EXIT_ID), is("ONGOING"));
  }
}
