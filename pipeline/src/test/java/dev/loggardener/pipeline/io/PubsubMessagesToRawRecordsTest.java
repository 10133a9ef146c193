package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.ingest.EntryOutputs;
import dev.loggardener.ingest.ParseFilterSign;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesAndMessageIdCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The Pub/Sub read path after PubsubIO, fed with messages in the Log Router's wire shape (E9 in the
 * Cloud Logging notes) stamped, as PubsubIO stamps them, with their publish time: a good message
 * becomes an entry at its own, earlier, event time; a message whose timestamp attribute is missing
 * or malformed, or a payload that is not JSON or not UTF-8, becomes a dead letter that names the
 * subscription, the message id and the attributes, and the stream goes on.
 */
public class PubsubMessagesToRawRecordsTest {
  static final String SUBSCRIPTION = "projects/acme-prod/subscriptions/log-gardener-sub";
  static final String TS = "2025-06-03T14:03:22.168843Z";

  /** E9's base64 {@code data}: the E4 "Container called exit(3)." entry. */
  static final String E9_DATA =
      "eyJpbnNlcnRJZCI6IjY4M2YwYzZhMDAwOWE4YjdjNmQ1ZTRmMyIsImxvZ05hbWUiOiJwcm9qZWN0cy9hY21lLXByb2QvbG9ncy9ydW4uZ29vZ2xlYXBpcy5jb20lMkZ2YXJsb2clMkZzeXN0ZW0iLCJyZXNvdXJjZSI6eyJ0eXBlIjoiY2xvdWRfcnVuX3JldmlzaW9uIiwibGFiZWxzIjp7InByb2plY3RfaWQiOiJhY21lLXByb2QiLCJzZXJ2aWNlX25hbWUiOiJvcmRlcnMtYXBpIiwicmV2aXNpb25fbmFtZSI6Im9yZGVycy1hcGktMDAwNDMtbHVwIiwiY29uZmlndXJhdGlvbl9uYW1lIjoib3JkZXJzLWFwaSIsImxvY2F0aW9uIjoidXMtY2VudHJhbDEifX0sInNldmVyaXR5IjoiV0FSTklORyIsImxhYmVscyI6eyJpbnN0YW5jZUlkIjoiMDA2OWM3YTk4ODI1OTUzM2JkOTg4ZGI3NDhjNzU3MDJkZDM0ZDkwOTljZGJhNThjZjczMTUyNjhkNmM2MmM3MWNkY2RhZDEyYzg3NGIzODM5MGZlODFlZDg3NDUyNjMwMmNiYzNlYTM1YmU1MTY4ZTY1MjYwMDY2YmNiZmU0OTNjMDliYWUwMTFiYWIyZGY0MmNhZjEwYWMxNzI3OTFmZCIsImNvbnRhaW5lcl9uYW1lIjoib3JkZXJzLWFwaS0xIn0sInRleHRQYXlsb2FkIjoiQ29udGFpbmVyIGNhbGxlZCBleGl0KDMpLiIsInRpbWVzdGFtcCI6IjIwMjUtMDYtMDNUMTQ6MDM6MjIuMTY4ODQzWiIsInJlY2VpdmVUaW1lc3RhbXAiOiIyMDI1LTA2LTAzVDE0OjAzOjIyLjQwMjcxOTM4MVoifQ==";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static PubsubMessage message(byte[] payload, String messageId, String timestampAttribute) {
    Map<String, String> attributes = new HashMap<>();
    if (timestampAttribute != null) {
      attributes.put(PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE, timestampAttribute);
    }
    return new PubsubMessage(payload, attributes, messageId);
  }

  static PubsubMessage e9(String messageId, String timestampAttribute) {
    return message(Base64.getDecoder().decode(E9_DATA), messageId, timestampAttribute);
  }

  /** The Log Router publishes a little after the entry was written. */
  static final Instant PUBLISHED = Instant.parse(TS).plus(Duration.standardSeconds(3));

  /** As PubsubIO without a timestamp attribute emits them: at their publish time. */
  static TestStream<PubsubMessage> stream(PubsubMessage... messages) {
    TestStream.Builder<PubsubMessage> b =
        TestStream.create(PubsubMessageWithAttributesAndMessageIdCoder.of());
    for (PubsubMessage m : messages) {
      b = b.addElements(TimestampedValue.of(m, PUBLISHED));
    }
    return b.advanceWatermarkToInfinity();
  }

  /** The pipeline's own entry step after the read path, keeping entries of every severity. */
  EntryOutputs parse(TestStream<PubsubMessage> messages) {
    return p.apply(messages)
        .apply("ToRawRecords", PubsubMessagesToRawRecords.from(SUBSCRIPTION))
        .apply(
            "ParseFilterSign",
            ParseFilterSign.atLeast(Severity.DEFAULT, Duration.standardHours(1)));
  }

  static final class Describe extends DoFn<SignedEntry, String> {
    @ProcessElement
    public void process(@Element SignedEntry e, @Timestamp Instant t, OutputReceiver<String> out) {
      out.output(e.service + " " + e.insertId + " @" + t);
    }
  }

  static final class DescribeDeadLetter extends DoFn<DeadLetter, String> {
    @ProcessElement
    public void process(@Element DeadLetter d, OutputReceiver<String> out) {
      out.output(d.source + " " + d.reason + " id=" + d.messageId + " " + d.attributes);
    }
  }

  /** Reason, timestamp and whether the raw payload was kept, for the attribute tests. */
  static final class DescribeQuarantine extends DoFn<DeadLetter, String> {
    @ProcessElement
    public void process(@Element DeadLetter d, @Timestamp Instant t, OutputReceiver<String> out) {
      out.output(
          d.reason
              + " id="
              + d.messageId
              + " @"
              + t
              + " payload kept="
              + d.raw.contains("Container called exit(3)."));
    }
  }

  @Test
  public void aLogRouterMessageBecomesAnEntryAtItsOwnEventTime() {
    EntryOutputs out = parse(stream(e9("11873200449810233", TS)));
    PAssert.that(out.signed().apply(ParDo.of(new Describe())))
        .containsInAnyOrder("orders-api 683f0c6a0009a8b7c6d5e4f3 @2025-06-03T14:03:22.168Z");
    PAssert.that(out.deadLetters()).empty();
    PipelineResult result = p.run();
    assertThat(counter(result, PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE_MISSING), is(0L));
    assertThat(counter(result, PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE_MALFORMED), is(0L));
  }

  @Test
  public void aMessageWithoutTheTimestampAttributeIsDeadLetteredWithItsPayload() {
    EntryOutputs out = parse(stream(e9("1", null)));
    PAssert.that(out.signed()).empty();
    PAssert.that(out.deadLetters().apply(ParDo.of(new DescribeQuarantine())))
        .containsInAnyOrder(
            "missing_timestamp_attribute id=1 @" + PUBLISHED + " payload kept=true");
    PipelineResult result = p.run();
    assertThat(counter(result, PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE_MISSING), is(1L));
    assertThat(counter(result, "dead_lettered_missing_timestamp_attribute"), is(1L));
  }

  @Test
  public void aMalformedTimestampAttributeIsDeadLetteredWithItsPayload() {
    EntryOutputs out = parse(stream(e9("2", "yesterday")));
    PAssert.that(out.signed()).empty();
    PAssert.that(out.deadLetters().apply(ParDo.of(new DescribeQuarantine())))
        .containsInAnyOrder("bad_timestamp_attribute id=2 @" + PUBLISHED + " payload kept=true");
    PipelineResult result = p.run();
    assertThat(counter(result, PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE_MALFORMED), is(1L));
    assertThat(counter(result, "dead_lettered_bad_timestamp_attribute"), is(1L));
  }

  @Test
  public void aTimestampAttributeBeamCannotWindowIsDeadLetteredNotThrown() {
    EntryOutputs out = parse(stream(e9("3", String.valueOf(Long.MAX_VALUE))));
    PAssert.that(out.deadLetters().apply(ParDo.of(new DescribeQuarantine())))
        .containsInAnyOrder("bad_timestamp_attribute id=3 @" + PUBLISHED + " payload kept=true");
    p.run();
  }

  @Test
  public void badMessagesDoNotHoldUpTheGoodOnesAroundThem() {
    EntryOutputs out = parse(stream(e9("4", null), e9("5", TS), e9("6", "")));
    PAssert.that(out.signed().apply(ParDo.of(new Describe())))
        .containsInAnyOrder("orders-api 683f0c6a0009a8b7c6d5e4f3 @2025-06-03T14:03:22.168Z");
    PAssert.that(out.deadLetters().apply(ParDo.of(new DescribeDeadLetter())))
        .containsInAnyOrder(
            "pubsub:" + SUBSCRIPTION + " missing_timestamp_attribute id=4 {}",
            "pubsub:"
                + SUBSCRIPTION
                + " bad_timestamp_attribute id=6 {"
                + PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE
                + "=}");
    p.run();
  }

  @Test
  public void anEntryDeliveredAfterItsWindowClosedKeepsItsOwnEventTime() {
    // Published at 15:00:30 for an entry of 14:59:59: the watermark (publish time) has passed
    // the 14:00 window, yet the entry is stamped in it, to be counted there as late data.
    String entryTime = "2025-06-03T14:59:59Z";
    PubsubMessage late =
        message(
            ("{\"insertId\":\"late-1\",\"timestamp\":\""
                    + entryTime
                    + "\",\"severity\":\"ERROR\",\"textPayload\":\"boom\",\"resource\":{\"type\":"
                    + "\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders-api\"}}}")
                .getBytes(StandardCharsets.UTF_8),
            "7",
            entryTime);
    Instant published = Instant.parse("2025-06-03T15:00:30Z");
    TestStream<PubsubMessage> messages =
        TestStream.create(PubsubMessageWithAttributesAndMessageIdCoder.of())
            .advanceWatermarkTo(published)
            .addElements(TimestampedValue.of(late, published))
            .advanceWatermarkToInfinity();
    EntryOutputs out = parse(messages);
    PAssert.that(out.signed().apply(ParDo.of(new Describe())))
        .containsInAnyOrder("orders-api late-1 @2025-06-03T14:59:59.000Z");
    PipelineResult result = p.run();
    assertThat(counter(result, GardenerCounters.TIMESTAMPS_CLAMPED), is(0L));
  }

  @Test
  public void aNonJsonPayloadIsDeadLetteredWithSubscriptionMessageIdAndAttributes() {
    EntryOutputs out =
        parse(
            stream(
                message("Traceback? no, plain text".getBytes(StandardCharsets.UTF_8), "42", TS)));
    PAssert.that(out.signed()).empty();
    PAssert.that(out.deadLetters().apply(ParDo.of(new DescribeDeadLetter())))
        .containsInAnyOrder(
            "pubsub:"
                + SUBSCRIPTION
                + " not_json id=42 {logging.googleapis.com/timestamp="
                + TS
                + "}");
    p.run();
  }

  @Test
  public void aPayloadThatIsNotUtf8IsDeadLetteredAsInvalidUtf8() {
    EntryOutputs out =
        parse(stream(message(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "43", TS)));
    PAssert.that(out.deadLetters().apply(ParDo.of(new DescribeDeadLetter())))
        .containsInAnyOrder(
            "pubsub:"
                + SUBSCRIPTION
                + " invalid_utf8 id=43 {logging.googleapis.com/timestamp="
                + TS
                + "}");
    p.run();
  }

  @Test
  public void acceptsTheTimestampFormsPubsubIoAccepts() {
    assertThat(
        PubsubMessagesToRawRecords.isValidTimestamp("2022-07-25T22:19:09.903683708Z"), is(true));
    assertThat(PubsubMessagesToRawRecords.isValidTimestamp("2022-07-25T22:19:09Z"), is(true));
    assertThat(PubsubMessagesToRawRecords.isValidTimestamp("1748959402168"), is(true));
    assertThat(PubsubMessagesToRawRecords.isValidTimestamp("2022-07-25 22:19"), is(false));
    assertThat(PubsubMessagesToRawRecords.isValidTimestamp(""), is(false));
    assertThat(
        PubsubMessagesToRawRecords.isValidTimestamp(String.valueOf(Long.MAX_VALUE)), is(false));
  }

  static long counter(PipelineResult result, String name) {
    result.waitUntilFinish();
    return dev.loggardener.pipeline.RunSummary.of(result).get(name);
  }

  @Test
  public void namesTheSourceAfterTheSubscriptionOrTopic() {
    assertEquals(SUBSCRIPTION, PubsubLogSource.fromSubscription(SUBSCRIPTION).name());
    assertEquals("projects/p/topics/t", PubsubLogSource.fromTopic("projects/p/topics/t").name());
  }
}
