package dev.loggardener.pipeline.io;

import dev.loggardener.parse.FailureReason;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.transforms.GardenerCounters;
import dev.loggardener.transforms.RawRecordCoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The part of the Pub/Sub source after {@code PubsubIO}: turns each message of a Log Router sink
 * (payload = one LogEntry as JSON, attribute {@code logging.googleapis.com/timestamp}) into a
 * {@link RawRecord} for the shared parse path, named {@code pubsub:<subscription>} and carrying
 * the message id and attributes so that a dead letter points at the exact message. Payloads that
 * are not UTF-8 or exceed the record cap become failed records here; everything else (not JSON,
 * no timestamp, ...) is judged by the parser as for files. Event time is the element timestamp
 * PubsubIO took from the attribute; this step only checks the attribute and counts a missing or
 * malformed one, because the entry still carries its own timestamp and must not be lost.
 */
public final class PubsubMessagesToRawRecords
    extends PTransform<PCollection<PubsubMessage>, PCollection<RawRecord>> {
  private static final long serialVersionUID = 1L;

  /** Set by the Log Router on every message, and by {@code gardener publish}. */
  public static final String TIMESTAMP_ATTRIBUTE = "logging.googleapis.com/timestamp";

  /** Counter: messages without the timestamp attribute (event time fell back to the runner's). */
  public static final String TIMESTAMP_ATTRIBUTE_MISSING = "pubsub_timestamp_attribute_missing";
  /** Counter: messages whose timestamp attribute is neither RFC 3339 nor epoch milliseconds. */
  public static final String TIMESTAMP_ATTRIBUTE_MALFORMED =
      "pubsub_timestamp_attribute_malformed";

  /** Same cap as for export files: one LogEntry is at most 256 KB, so this is generous. */
  static final int MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

  private final String sourceName;

  private PubsubMessagesToRawRecords(String sourceName) {
    this.sourceName = sourceName;
  }

  /** {@code subscriptionOrTopic} names the records: {@code pubsub:projects/p/subscriptions/s}. */
  public static PubsubMessagesToRawRecords from(String subscriptionOrTopic) {
    return new PubsubMessagesToRawRecords("pubsub:" + subscriptionOrTopic);
  }

  @Override
  public PCollection<RawRecord> expand(PCollection<PubsubMessage> messages) {
    return messages
        .apply("ToRawRecords", ParDo.of(new ToRawRecordFn(sourceName)))
        .setCoder(RawRecordCoder.of());
  }

  /** True for what PubsubIO accepts as a timestamp attribute: RFC 3339 or epoch millis. */
  static boolean isValidTimestamp(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException e) {
      // Not millis; try RFC 3339 below.
    }
    try {
      OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static final class ToRawRecordFn extends DoFn<PubsubMessage, RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final Counter missing = GardenerCounters.counter(TIMESTAMP_ATTRIBUTE_MISSING);
    private final Counter malformed = GardenerCounters.counter(TIMESTAMP_ATTRIBUTE_MALFORMED);

    ToRawRecordFn(String sourceName) {
      this.sourceName = sourceName;
    }

    @ProcessElement
    public void process(@Element PubsubMessage message, OutputReceiver<RawRecord> out) {
      Map<String, String> attributes = message.getAttributeMap();
      String timestamp = attributes == null ? null : attributes.get(TIMESTAMP_ATTRIBUTE);
      if (timestamp == null) {
        missing.inc();
      } else if (!isValidTimestamp(timestamp)) {
        malformed.inc();
      }
      byte[] payload = message.getPayload() == null ? new byte[0] : message.getPayload();
      out.output(toRecord(payload).withTransport(message.getMessageId(), attributes));
    }

    private RawRecord toRecord(byte[] payload) {
      if (payload.length > MAX_PAYLOAD_BYTES) {
        return RawRecord.failed(
            sourceName, 0, preview(payload), FailureReason.RECORD_TOO_LARGE);
      }
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(payload))
                .toString();
        return RawRecord.of(sourceName, 0, text);
      } catch (CharacterCodingException e) {
        return RawRecord.failed(
            sourceName, 0, new String(payload, StandardCharsets.UTF_8), FailureReason.INVALID_UTF8);
      }
    }

    private static String preview(byte[] payload) {
      return new String(payload, 0, Math.min(payload.length, 4096), StandardCharsets.UTF_8);
    }
  }
}
