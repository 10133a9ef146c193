package dev.loggardener.pipeline.io;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.parse.FailureReason;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The part of the Pub/Sub source after {@code PubsubIO}: turns each message of a Log Router sink
 * (payload = one LogEntry as JSON, attribute {@code logging.googleapis.com/timestamp}) into a
 * {@link RawRecord} for the shared parse path, named {@code pubsub:<subscription>} and carrying the
 * message id and attributes so that a dead letter points at the exact message.
 *
 * <p>It also gives each record its event time, from the timestamp attribute. PubsubIO reads without
 * {@code withTimestampAttribute}, because there a message without a usable attribute throws inside
 * the source and is redelivered forever on Beam's own reader; here such a message becomes a failed
 * record ({@code missing_timestamp_attribute} or {@code bad_timestamp_attribute}, at its publish
 * time) that the parser dead-letters with its payload, message id and attributes, so {@code
 * gardener publish} can replay it. It is not clustered on the entry's own {@code timestamp}
 * instead: only the Log Router (or a replay) publishes to this topic, so a message without the
 * attribute did not come from it and is quarantined rather than guessed at.
 *
 * <p>The input's timestamps are publish times, which come after the entry's time, so records move
 * back in event time: {@link ToRawRecordFn#getAllowedTimestampSkew()} permits it. The watermark
 * follows publish time, so an entry the Log Router delivers after its window has closed arrives
 * late and lands in a late pane (within {@code --allowedLatenessHours}) rather than the on-time
 * one. Payloads that are not UTF-8 or exceed the record cap become failed records here too;
 * everything else (not JSON, no {@code timestamp}, ...) is judged by the parser as for files.
 */
public final class PubsubMessagesToRawRecords
    extends PTransform<PCollection<PubsubMessage>, PCollection<RawRecord>> {
  private static final long serialVersionUID = 1L;

  /** Set by the Log Router on every message, and by {@code gardener publish}. */
  public static final String TIMESTAMP_ATTRIBUTE = TimestampAttribute.NAME;

  /** Counter: messages without the timestamp attribute (dead-lettered). */
  public static final String TIMESTAMP_ATTRIBUTE_MISSING = "pubsub_timestamp_attribute_missing";

  /**
   * Counter: messages whose timestamp attribute is not RFC 3339 or epoch millis (dead-lettered).
   */
  public static final String TIMESTAMP_ATTRIBUTE_MALFORMED = "pubsub_timestamp_attribute_malformed";

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

  /** True for a usable timestamp attribute: RFC 3339 or epoch millis, in Beam's range. */
  static boolean isValidTimestamp(String value) {
    return TimestampAttribute.parse(value) != null;
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
      byte[] payload = message.getPayload() == null ? new byte[0] : message.getPayload();
      RawRecord record = toRecord(payload);
      String attribute = attributes == null ? null : attributes.get(TIMESTAMP_ATTRIBUTE);
      Instant eventTime = TimestampAttribute.parse(attribute);
      if (eventTime == null) {
        String reason;
        if (attribute == null) {
          missing.inc();
          reason = FailureReason.MISSING_TIMESTAMP_ATTRIBUTE;
        } else {
          malformed.inc();
          reason = FailureReason.BAD_TIMESTAMP_ATTRIBUTE;
        }
        // A payload problem found first keeps its own reason; either way the record stays at
        // its publish time and goes to the dead letter.
        if (record.usable()) {
          record = RawRecord.failed(sourceName, 0, record.text(), reason);
        }
        out.output(record.withTransport(message.getMessageId(), attributes));
        return;
      }
      out.outputWithTimestamp(record.withTransport(message.getMessageId(), attributes), eventTime);
    }

    /**
     * Event time precedes publish time by the Log Router's delay, which has no fixed bound, so any
     * move back is allowed; what ends behind the watermark is handled as late data.
     */
    @SuppressWarnings("deprecation") // Still the way to move elements back in a DoFn.
    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }

    private RawRecord toRecord(byte[] payload) {
      if (payload.length > MAX_PAYLOAD_BYTES) {
        return RawRecord.failed(sourceName, 0, preview(payload), FailureReason.RECORD_TOO_LARGE);
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
