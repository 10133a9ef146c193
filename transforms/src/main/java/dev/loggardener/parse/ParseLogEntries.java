package dev.loggardener.parse;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.redact.Redactor;
import dev.loggardener.model.LogEntryCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;
import dev.loggardener.beam.GardenerCounters;

/**
 * Parses raw export records into typed {@link LogEntry} values stamped with their own event time;
 * every record that cannot be used becomes a {@link DeadLetter} with its reason instead. Counts
 * every record read, so the run's accounting starts here.
 */
public final class ParseLogEntries extends PTransform<PCollection<RawRecord>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<LogEntry> ENTRIES = new TupleTag<LogEntry>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>() {};

  private ParseLogEntries() {}

  public static ParseLogEntries create() {
    return new ParseLogEntries();
  }

  @Override
  public PCollectionTuple expand(PCollection<RawRecord> records) {
    PCollectionTuple out =
        records.apply(
            "Parse", ParDo.of(new ParseFn()).withOutputTags(ENTRIES, TupleTagList.of(DEAD_LETTERS)));
    out.get(ENTRIES).setCoder(LogEntryCoder.of());
    out.get(DEAD_LETTERS).setCoder(dev.loggardener.model.DeadLetterCoder.of());
    return out;
  }

  /** Builds the dead letter for a record: raw text redacted and capped before it leaves. */
  public static DeadLetter deadLetter(
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
  private static java.util.Map<String, String> redactValues(java.util.Map<String, String> in) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    in.forEach((k, v) -> out.put(k, Redactor.redact(v == null ? "" : v)));
    return out;
  }

  static final class ParseFn extends DoFn<RawRecord, LogEntry> {
    private static final long serialVersionUID = 1L;

    private final Counter read = GardenerCounters.counter(GardenerCounters.ENTRIES_READ);
    private final Counter parsed = GardenerCounters.counter(GardenerCounters.ENTRIES_PARSED);
    private final Counter deadLettered = GardenerCounters.counter(GardenerCounters.DEAD_LETTERED);
    private final Counter truncated =
        GardenerCounters.counter(GardenerCounters.MESSAGES_TRUNCATED);
    private final Counter clamped = GardenerCounters.counter(GardenerCounters.TIMESTAMPS_CLAMPED);
    private transient LogEntryParser parser;

    @Setup
    public void setup() {
      parser = new LogEntryParser();
    }

    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out, ProcessContext c) {
      read.inc();
      ParseOutcome outcome;
      try {
        outcome = parser.parse(record);
      } catch (RuntimeException e) {
        // The parser is meant never to throw; if it does, the record still has to land somewhere.
        emitDeadLetter(out, deadLetter(record, "parse", "internal_error", e.getClass().getName(),
            String.valueOf(e.getMessage())));
        return;
      }
      if (!outcome.isOk()) {
        emitDeadLetter(out, deadLetter(record, "parse", outcome.reason(),
            "InvalidLogEntry", outcome.detail()));
        return;
      }
      LogEntry entry = outcome.entry();
      parsed.inc();
      if (entry.messageTruncated()) {
        truncated.inc();
      }
      Instant eventTime = new Instant(entry.timestamp().toEpochMilli());
      if (eventTime.isBefore(c.timestamp())) {
        // A DoFn may not move an element earlier than its input; sources that carry event time
        // (Pub/Sub's timestamp attribute) never get here, so this only guards misconfiguration.
        clamped.inc();
        eventTime = c.timestamp();
      }
      out.get(ENTRIES).outputWithTimestamp(entry, eventTime);
    }

    private void emitDeadLetter(MultiOutputReceiver out, DeadLetter d) {
      deadLettered.inc();
      GardenerCounters.deadLettered(d.reason).inc();
      out.get(DEAD_LETTERS).output(d);
    }
  }
}
