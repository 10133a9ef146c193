package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.parse.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.junit.Test;

/**
 * {@code gardener publish} builds the message a Log Router sink would: the entry as payload and its
 * timestamp in the attribute the streaming job reads event time from; entries the job could not
 * read at their event time are not published.
 */
public class LogEntryMessagesTest {
  static final String ENTRY =
      "{\"insertId\":\"683f0c6a0009a8b7c6d5e4f3\",\"textPayload\":\"Container called exit(3).\","
          + "\"timestamp\":\"2025-06-03T14:03:22.168843Z\"}";

  @Test
  public void anEntryBecomesItsJsonWithTheTimestampAttribute() {
    PubsubMessage m = LogEntryMessages.toMessage(RawRecord.of("export.json", 1, ENTRY)).get();
    assertThat(new String(m.getPayload(), StandardCharsets.UTF_8), is(ENTRY));
    assertThat(
        m.getAttributeMap(),
        is(Map.of("logging.googleapis.com/timestamp", "2025-06-03T14:03:22.168843Z")));
  }

  @Test
  public void theMessageReadsBackThroughThePubsubSourceAsTheSameEntry() {
    PubsubMessage m = LogEntryMessages.toMessage(RawRecord.of("export.json", 1, ENTRY)).get();
    assertThat(
        PubsubMessagesToRawRecords.isValidTimestamp(
            m.getAttribute(PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE)),
        is(true));
  }

  @Test
  public void entriesWithoutAUsableTimestampAreNotPublished() {
    assertThat(
        LogEntryMessages.toMessage(RawRecord.of("e", 1, "{\"textPayload\":\"x\"}")).isPresent(),
        is(false));
    assertThat(
        LogEntryMessages.toMessage(RawRecord.of("e", 1, "{\"timestamp\":12345}")).isPresent(),
        is(false));
    assertThat(LogEntryMessages.toMessage(RawRecord.of("e", 1, "not json")).isPresent(), is(false));
    assertThat(
        LogEntryMessages.toMessage(RawRecord.failed("e", 1, "x", "invalid_utf8")).isPresent(),
        is(false));
  }
}
