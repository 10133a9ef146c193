package dev.loggardener.pipeline.io;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * Reads the {@code logging.googleapis.com/timestamp} attribute a Log Router sink sets on every
 * message (the entry's own {@code timestamp}) in the two forms PubsubIO's own timestamp attribute
 * takes: RFC 3339, or epoch milliseconds. A value Beam cannot put in a window (before its minimum
 * or at or after its maximum timestamp) counts as malformed, since outputting it would throw.
 */
final class TimestampAttribute {
  /** Set by the Log Router on every message, and by {@code gardener publish}. */
  static final String NAME = "logging.googleapis.com/timestamp";

  private TimestampAttribute() {}

  /** The instant {@code value} names, or null when it is missing, malformed or out of range. */
  static Instant parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant instant = epochMillis(value);
    if (instant == null) {
      instant = rfc3339(value);
    }
    if (instant == null
        || instant.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)
        || !instant.isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
      return null;
    }
    return instant;
  }

  private static Instant epochMillis(String value) {
    try {
      return new Instant(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant rfc3339(String value) {
    try {
      java.time.Instant t =
          OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      // Millisecond precision, as windows have; an entry's nanoseconds do not move it across one.
      return new Instant(t.toEpochMilli());
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
