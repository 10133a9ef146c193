package dev.loggardener.parse;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.redact.Redactor;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead letter of a raw record that could not be used: its raw text redacted and capped before
 * it leaves, with where it came from and why it was set aside.
 */
public final class RecordDeadLetters {
  private RecordDeadLetters() {}

  /** The dead letter of {@code record}, set aside at {@code stage} for {@code reason}. */
  public static DeadLetter of(
      RawRecord record, String stage, String reason, String errorClass, String detail) {
    String text = record.text() == null ? "" : record.text();
    boolean truncated = text.length() > DeadLetter.MAX_RAW_CHARS;
    String raw = truncated ? text.substring(0, DeadLetter.MAX_RAW_CHARS) : text;
    return new DeadLetter(
        record.source(),
        record.ordinal(),
        stage,
        reason,
        errorClass,
        Redactor.redact(detail == null ? "" : detail),
        Redactor.redact(raw),
        text.length(),
        truncated,
        record.messageId(),
        redactValues(record.attributes()));
  }

  /** Attributes are set by whoever published the message, so they are as hostile as the text. */
  private static Map<String, String> redactValues(Map<String, String> in) {
    Map<String, String> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k, Redactor.redact(v == null ? "" : v)));
    return out;
  }
}
