package dev.loggardener.ingest;

import dev.loggardener.beam.LocalProgress;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.multiline.SplitTraceCandidates;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignedEntry;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The fused per-entry step: {@link EntryPath} parses, filters and signs; this DoFn routes a
 * possible split-trace line aside before the filter and keeps the per-bundle counts of entries
 * read. Only the compact {@link SignedEntry} leaves on the main output; the {@link LogEntry} is
 * never encoded. Dead letters (parse and sign failures, with the raw text and reason), trace-line
 * candidates and per-bundle counts of entries read go to the one {@link EntryAside} output.
 */
final class ParseFilterSignFn extends DoFn<RawRecord, SignedEntry> {
  private static final long serialVersionUID = 1L;

  /** Progress is published every this many records, so the adder is not contended. */
  private static final int PROGRESS_EVERY = 1024;

  private final TupleTag<SignedEntry> signedTag;
  private final TupleTag<EntryAside> asideTag;
  private final Severity minSeverity;
  private final SignatureRules rules;
  private final Duration windowSize;

  private transient EntryPath path;
  private transient EntriesReadBuffer entriesRead;
  private transient long progressRecords;
  private transient long progressChars;

  ParseFilterSignFn(
      TupleTag<SignedEntry> signedTag,
      TupleTag<EntryAside> asideTag,
      Severity minSeverity,
      SignatureRules rules,
      Duration windowSize) {
    this.signedTag = signedTag;
    this.asideTag = asideTag;
    this.minSeverity = minSeverity;
    this.rules = rules;
    this.windowSize = windowSize;
  }

  @Setup
  public void setup() {
    path = new EntryPath(minSeverity, rules);
    entriesRead = new EntriesReadBuffer(FixedWindows.of(windowSize));
  }

  @StartBundle
  public void startBundle() {
    path.resetCounts();
  }

  @ProcessElement
  public void process(
      @Element RawRecord record,
      @Timestamp Instant inputTime,
      BoundedWindow window,
      MultiOutputReceiver out) {
    progress(record);
    LogEntry entry =
        path.parse(
            record,
            d -> out.get(asideTag).outputWithTimestamp(EntryAside.deadLetter(d), inputTime));
    if (entry == null) {
      return;
    }
    Instant eventTime = path.eventTime(entry, inputTime);
    entriesRead.add(window, entry.service(), eventTime);
    if (SplitTraceCandidates.needsReassembly(entry)) {
      // Reassembled by key before it is filtered: a frame line would not pass the filter alone.
      out.get(asideTag).outputWithTimestamp(EntryAside.traceLine(entry), eventTime);
      return;
    }
    SignedEntry signed =
        path.filterAndSign(
            entry, d -> out.get(asideTag).outputWithTimestamp(EntryAside.deadLetter(d), eventTime));
    if (signed != null) {
      out.get(signedTag).outputWithTimestamp(signed, eventTime);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    entriesRead.drain(
        (service, count, timestamp, window) ->
            c.output(asideTag, EntryAside.entriesRead(service, count), timestamp, window));
    flushProgress();
    path.flushCounts();
  }

  private void progress(RawRecord record) {
    progressRecords++;
    progressChars += record.text() == null ? 1 : record.text().length() + 1;
    if (progressRecords >= PROGRESS_EVERY) {
      flushProgress();
    }
  }

  private void flushProgress() {
    LocalProgress.add(progressRecords, progressChars);
    progressRecords = 0;
    progressChars = 0;
  }
}
