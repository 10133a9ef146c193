package dev.loggardener.beam;

import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;

/**
 * The time range an export holds completely, as its backfill declares it: {@code start/end} in ISO
 * 8601, start included, end excluded (e.g. {@code 2026-12-01T00:00Z/2026-12-02T00:00Z}). A batch
 * run cannot tell from its input whether an hour is complete; with a declared coverage it backfills
 * only the windows inside the range, so an export that holds part of an hour never replaces what a
 * stream counted for the whole hour.
 */
public record WindowCoverage(Instant start, Instant end) implements Serializable {
  public WindowCoverage {
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException(
          "a coverage must start before it ends: " + start + "/" + end);
    }
  }

  /** Parses {@code start/end}; each an ISO 8601 instant with a zone, seconds optional. */
  public static WindowCoverage parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "a coverage is START/END, e.g. 2026-12-01T00:00Z/2026-12-02T00:00Z, not " + text);
    }
    return new WindowCoverage(instant(parts[0], text), instant(parts[1], text));
  }

  private static Instant instant(String part, String text) {
    try {
      return OffsetDateTime.parse(part.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not an ISO 8601 time with a zone (e.g. 2026-12-01T00:00Z): " + part + " in " + text, e);
    }
  }

  /** Whether the whole window lies inside the coverage. */
  public boolean covers(IntervalWindow window) {
    return !window.start().isBefore(start.toEpochMilli())
        && !window.end().isAfter(end.toEpochMilli());
  }

  @Override
  public String toString() {
    return start + "/" + end;
  }
}
