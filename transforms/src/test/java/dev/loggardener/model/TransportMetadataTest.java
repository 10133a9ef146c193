package dev.loggardener.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import dev.loggardener.parse.RecordDeadLetters;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

/**
 * A record that arrived as a Pub/Sub message keeps its message id and attributes all the way to its
 * dead letter, through both coders; a record read from a file keeps the original shape.
 */
public class TransportMetadataTest {
  static final Map<String, String> ATTRIBUTES =
      Map.of("logging.googleapis.com/timestamp", "2025-06-03T14:03:22.168843Z");

  @Test
  public void rawRecordCoderKeepsTransportFields() throws Exception {
    RawRecord r =
        RawRecord.of("pubsub:projects/p/subscriptions/s", 0, "{}")
            .withTransport("11873200449810233", ATTRIBUTES);
    CoderProperties.coderDecodeEncodeEqual(RawRecordCoder.of(), r);
    CoderProperties.coderDecodeEncodeEqual(RawRecordCoder.of(), RawRecord.of("f.json", 3, "{}"));
    CoderProperties.coderDecodeEncodeEqual(
        RawRecordCoder.of(),
        RawRecord.failed("s", 0, "\uFFFD", "invalid_utf8").withTransport("1", ATTRIBUTES));
  }

  @Test
  public void deadLetterCarriesMessageIdAndAttributesIntoJson() throws Exception {
    RawRecord r =
        RawRecord.of("pubsub:projects/p/subscriptions/s", 0, "not json")
            .withTransport("11873200449810233", ATTRIBUTES);
    DeadLetter d = RecordDeadLetters.of(r, "parse", "not_json", "InvalidLogEntry", "x");
    CoderProperties.coderDecodeEncodeEqual(DeadLetterCoder.of(), d);
    String json = DeadLetterJson.toJson(d);
    assertThat(json, containsString("\"message_id\":\"11873200449810233\""));
    assertThat(
        json,
        containsString(
            "\"attributes\":{\"logging.googleapis.com/timestamp\":\"2025-06-03T14:03:22.168843Z\"}"));
  }

  @Test
  public void fileDeadLettersKeepTheirOriginalKeys() {
    DeadLetter d =
        RecordDeadLetters.of(
            RawRecord.of("f.json", 1, "x"), "parse", "not_json", "InvalidLogEntry", "x");
    assertThat(DeadLetterJson.toJson(d), not(containsString("message_id")));
    assertThat(DeadLetterJson.toJson(d), not(containsString("attributes")));
  }

  @Test
  public void attributeValuesAreRedactedLikeTheRawText() {
    RawRecord r =
        RawRecord.of("pubsub:s", 0, "x")
            .withTransport(
                "1", Map.of("auth", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk"));
    DeadLetter d = RecordDeadLetters.of(r, "parse", "not_json", "InvalidLogEntry", "x");
    assertThat(d.attributes.get("auth"), not(containsString("eyJhbGci")));
    assertThat(d.messageId, is("1"));
  }
}
