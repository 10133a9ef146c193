package dev.loggardener.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The JSON-lines form of a {@link DeadLetter}, with snake_case keys like the cluster rows. The
 * transport fields {@code message_id} and {@code attributes} appear only when the record came from
 * a message stream (Pub/Sub), so file dead letters keep their original shape.
 */
public final class DeadLetterJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeadLetterJson() {}

  public static String toJson(DeadLetter d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("source", d.source);
    o.put("ordinal", d.ordinal);
    o.put("stage", d.stage);
    o.put("reason", d.reason);
    o.put("error_class", d.errorClass);
    o.put("detail", d.detail);
    o.put("raw", d.raw);
    o.put("raw_length", d.rawLength);
    o.put("raw_truncated", d.rawTruncated);
    if (!d.messageId.isEmpty()) {
      o.put("message_id", d.messageId);
    }
    if (!d.attributes.isEmpty()) {
      ObjectNode attributes = o.putObject("attributes");
      d.attributes.forEach(attributes::put);
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
