package dev.loggardener.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.joda.time.Instant;

/**
 * Counts a bundle's entries per (input window, service, event-time window) so that the "entries
 * read" figure of each report crosses the shuffle as one number per bundle and service instead of
 * one element per entry: combining before the shuffle by hand, which every runner then gets (the
 * DirectRunner lifts no combiners). Each count is emitted with the earliest event time it covers,
 * an element time the step really produced, so downstream windowing puts it in the same window as
 * its entries and it is no later than they are.
 */
final class EntriesReadBuffer {
  /** Receives one count when the buffer is drained. */
  interface Sink {
    void emit(String service, long count, Instant timestamp, BoundedWindow inputWindow);
  }

  private static final class Key {
    final BoundedWindow inputWindow;
    final String service;
    final long windowStart;

    Key(BoundedWindow inputWindow, String service, long windowStart) {
      this.inputWindow = inputWindow;
      this.service = service;
      this.windowStart = windowStart;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return windowStart == k.windowStart
          && service.equals(k.service)
          && inputWindow.equals(k.inputWindow);
    }

    @Override
    public int hashCode() {
      return Objects.hash(inputWindow, service, windowStart);
    }
  }

  private static final class Tally {
    long count;
    Instant earliest;
  }

  private final FixedWindows windows;
  private final Map<Key, Tally> tallies = new LinkedHashMap<>();

  EntriesReadBuffer(FixedWindows windows) {
    this.windows = windows;
  }

  void add(BoundedWindow inputWindow, String service, Instant eventTime) {
    long start = windows.assignWindow(eventTime).start().getMillis();
    Tally t = tallies.computeIfAbsent(new Key(inputWindow, service, start), k -> new Tally());
    t.count++;
    if (t.earliest == null || eventTime.isBefore(t.earliest)) {
      t.earliest = eventTime;
    }
  }

  boolean isEmpty() {
    return tallies.isEmpty();
  }

  /** Emits every count and empties the buffer. */
  void drain(Sink sink) {
    tallies.forEach((k, t) -> sink.emit(k.service, t.count, t.earliest, k.inputWindow));
    tallies.clear();
  }
}
