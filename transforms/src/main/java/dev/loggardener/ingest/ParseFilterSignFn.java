package dev.loggardener.ingest;

import dev.loggardener.signature.SignedEntry;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.multiline.SplitTraceCandidates;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.signature.RuleBasedSigner;
import dev.loggardener.signature.Signature;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.Signer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.beam.LocalProgress;
import dev.loggardener.filter.EntryFilter;
import dev.loggardener.parse.ParseLogEntries;
import dev.loggardener.signature.SignEntries;

/**
 * The per-entry path in one DoFn: parse a raw record, route a possible split-trace line aside,
 * filter by severity and ignore rules, sign. Only the compact {@link SignedEntry} leaves on the
 * main output; the {@link LogEntry} is never encoded. Dead letters (parse and sign failures, with
 * the raw text and reason), trace-line candidates and per-bundle counts of entries read go to the
 * one {@link EntryAside} output. Counters are the ones the separate stages keep, summed per
 * bundle: a Beam counter increment is a thread-local and map lookup, too dear per entry.
 */
final class ParseFilterSignFn extends DoFn<RawRecord, SignedEntry> {
  private static final long serialVersionUID = 1L;

  static final String SIGNING_FAILED = "signing_failed";
  /** Progress is published every this many records, so the adder is not contended. */
  private static final int PROGRESS_EVERY = 1024;

  private final TupleTag<SignedEntry> signedTag;
  private final TupleTag<EntryAside> asideTag;
  private final Severity minSeverity;
  private final SignatureRules rules;
  private final Duration windowSize;

  private final Counter readCounter = GardenerCounters.counter(GardenerCounters.ENTRIES_READ);
  private final Counter parsedCounter = GardenerCounters.counter(GardenerCounters.ENTRIES_PARSED);
  private final Counter deadLetteredCounter =
      GardenerCounters.counter(GardenerCounters.DEAD_LETTERED);
  private final Counter truncatedCounter =
      GardenerCounters.counter(GardenerCounters.MESSAGES_TRUNCATED);
  private final Counter clampedCounter =
      GardenerCounters.counter(GardenerCounters.TIMESTAMPS_CLAMPED);
  private final Counter filteredCounter = GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED);
  private final Counter filteredByRuleCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED_BY_RULE);
  private final Counter passedCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_PASSED_FILTER);
  private final Counter stderrKeptCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT_STDERR);
  private final Counter fingerprintedCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_FINGERPRINTED_BY_RULE);

  private transient LogEntryParser parser;
  private transient EntryFilter filter;
  private transient RuleBasedSigner signer;
  private transient EntriesReadBuffer entriesRead;
  // Per-bundle counts, flushed to the counters in finishBundle.
  private transient long read;
  private transient long parsed;
  private transient long deadLettered;
  private transient long truncated;
  private transient long clamped;
  private transient long filtered;
  private transient long filteredByRule;
  private transient long passed;
  private transient long stderrKept;
  private transient long fingerprinted;
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
    parser = new LogEntryParser();
    filter = new EntryFilter(minSeverity, rules);
    signer = new RuleBasedSigner(new Signer(), rules);
    entriesRead = new EntriesReadBuffer(FixedWindows.of(windowSize));
  }

  @StartBundle
  public void startBundle() {
    read = parsed = deadLettered = truncated = clamped = 0;
    filtered = filteredByRule = passed = stderrKept = fingerprinted = 0;
  }

  @ProcessElement
  public void process(
      @Element RawRecord record,
      @Timestamp Instant inputTime,
      BoundedWindow window,
      MultiOutputReceiver out) {
    read++;
    progress(record);
    ParseOutcome outcome;
    try {
      outcome = parser.parse(record);
    } catch (RuntimeException e) {
      // The parser is meant never to throw; if it does, the record still has to land somewhere.
      deadLetter(out, ParseLogEntries.deadLetter(record, "parse", "internal_error",
          e.getClass().getName(), String.valueOf(e.getMessage())), inputTime);
      return;
    }
    if (!outcome.isOk()) {
      deadLetter(out, ParseLogEntries.deadLetter(record, "parse", outcome.reason(),
          "InvalidLogEntry", outcome.detail()), inputTime);
      return;
    }
    LogEntry entry = outcome.entry();
    parsed++;
    if (entry.messageTruncated()) {
      truncated++;
    }
    Instant eventTime = new Instant(entry.timestamp().toEpochMilli());
    if (eventTime.isBefore(inputTime)) {
      // A DoFn may not move an element earlier than its input (see ParseLogEntries).
      clamped++;
      eventTime = inputTime;
    }
    entriesRead.add(window, entry.service(), eventTime);
    if (SplitTraceCandidates.needsReassembly(entry)) {
      // Reassembled by key before it is filtered: a frame line would not pass the filter alone.
      out.get(asideTag).outputWithTimestamp(EntryAside.traceLine(entry), eventTime);
      return;
    }
    switch (filter.decide(entry)) {
      case FILTERED:
        filtered++;
        return;
      case FILTERED_BY_RULE:
        filteredByRule++;
        return;
      case KEPT_STDERR:
        stderrKept++;
        break;
      default:
        break;
    }
    passed++;
    SignedEntry signed;
    try {
      signed = SignEntries.sign(signer, entry);
    } catch (RuntimeException e) {
      GardenerCounters.deadLettered(SIGNING_FAILED).inc();
      deadLettered++;
      out.get(asideTag)
          .outputWithTimestamp(
              EntryAside.deadLetter(SignEntries.deadLetter(entry, SIGNING_FAILED, e)), eventTime);
      return;
    }
    if (!rules.fingerprints().isEmpty()
        && RuleBasedSigner.isForced(
            new Signature(signed.signatureId, signed.signature, signed.sigVersion))) {
      fingerprinted++;
    }
    out.get(signedTag).outputWithTimestamp(signed, eventTime);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    entriesRead.drain(
        (service, count, timestamp, window) ->
            c.output(asideTag, EntryAside.entriesRead(service, count), timestamp, window));
    flushProgress();
    inc(readCounter, read);
    inc(parsedCounter, parsed);
    inc(deadLetteredCounter, deadLettered);
    inc(truncatedCounter, truncated);
    inc(clampedCounter, clamped);
    inc(filteredCounter, filtered);
    inc(filteredByRuleCounter, filteredByRule);
    inc(passedCounter, passed);
    inc(stderrKeptCounter, stderrKept);
    inc(fingerprintedCounter, fingerprinted);
  }

  private void deadLetter(MultiOutputReceiver out, DeadLetter d, Instant at) {
    deadLettered++;
    GardenerCounters.deadLettered(d.reason).inc();
    out.get(asideTag).outputWithTimestamp(EntryAside.deadLetter(d), at);
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

  private static void inc(Counter c, long n) {
    if (n > 0) {
      c.inc(n);
    }
  }
}
