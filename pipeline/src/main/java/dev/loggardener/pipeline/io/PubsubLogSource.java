package dev.loggardener.pipeline.io;

import dev.loggardener.parse.RawRecord;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Streams LogEntries from the Pub/Sub subscription (or topic) a Log Router sink publishes to. Event
 * time is the entry's own time, from the {@code logging.googleapis.com/timestamp} attribute the
 * router sets, but it is read by {@link PubsubMessagesToRawRecords}, not by PubsubIO's {@code
 * withTimestampAttribute}: there a message without the attribute throws in the source and is
 * redelivered forever on Beam's own reader, whereas here it is dead-lettered on every runner.
 * PubsubIO stamps messages, and drives the watermark, with their publish time (why, and where an
 * entry of an hour's last seconds lands: docs/event-time.md). Messages then go into the same parse
 * path as files; duplicate deliveries are dropped later, in the core.
 *
 * <pre>{@code
 * p.apply("ReadPubsub", PubsubLogSource.fromSubscription("projects/p/subscriptions/s"));
 * }</pre>
 */
public final class PubsubLogSource extends PTransform<PBegin, PCollection<RawRecord>> {
  private static final long serialVersionUID = 1L;

  private final String subscription;
  private final String topic;

  private PubsubLogSource(String subscription, String topic) {
    this.subscription = subscription;
    this.topic = topic;
  }

  public static PubsubLogSource fromSubscription(String subscription) {
    return new PubsubLogSource(subscription, null);
  }

  public static PubsubLogSource fromTopic(String topic) {
    return new PubsubLogSource(null, topic);
  }

  /** The subscription, else the topic: what the records' {@code source} names. */
  public String name() {
    return subscription != null ? subscription : topic;
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    PubsubIO.Read<PubsubMessage> read = PubsubIO.readMessagesWithAttributesAndMessageId();
    read = subscription != null ? read.fromSubscription(subscription) : read.fromTopic(topic);
    return begin
        .apply("ReadMessages", read)
        .apply("ToRawRecords", PubsubMessagesToRawRecords.from(name()));
  }
}
