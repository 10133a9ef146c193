package dev.loggardener.pipeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.parse.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;

/**
 * Builds the Pub/Sub message a Log Router sink would publish for a LogEntry: the entry's JSON as
 * the payload and its {@code timestamp} in the {@code logging.googleapis.com/timestamp} attribute,
 * without which the streaming job cannot read the message at the entry's event time. Used by {@code
 * gardener publish} to replay an export.
 */
public final class LogEntryMessages {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LogEntryMessages() {}

  /** The message for {@code record}; empty when it is unusable or has no valid timestamp. */
  public static Optional<PubsubMessage> toMessage(RawRecord record) {
    if (!record.usable()) {
      return Optional.empty();
    }
    JsonNode entry;
    try {
      entry = MAPPER.readTree(record.text());
    } catch (IOException e) {
      return Optional.empty();
    }
    if (entry == null || !entry.isObject() || !entry.path("timestamp").isTextual()) {
      return Optional.empty();
    }
    String timestamp = entry.path("timestamp").asText();
    if (!PubsubMessagesToRawRecords.isValidTimestamp(timestamp)) {
      return Optional.empty();
    }
    return Optional.of(
        new PubsubMessage(
            record.text().getBytes(StandardCharsets.UTF_8),
            Map.of(PubsubMessagesToRawRecords.TIMESTAMP_ATTRIBUTE, timestamp)));
  }
}
