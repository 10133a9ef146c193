package dev.loggardener.ingest;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.filter.EntryFilter;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RecordDeadLetters;
import dev.loggardener.signature.RuleBasedSigner;
import dev.loggardener.signature.SignEntries;
import dev.loggardener.signature.Signature;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.Signer;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.joda.time.Instant;

/**
 * The per-entry path in plain Java, the one definition of what happens to an entry and what is
 * counted: parse a raw record, filter the entry by severity and ignore rules, sign it. The fused
 * {@link ParseFilterSign} step and the split-trace path ({@link FilterAndSign}) both call it, so
 * they decide and count alike. Counts are kept in plain fields and added to the run's counters once
 * per bundle ({@link #flushCounts}): a Beam counter increment is a thread-local and map lookup, too
 * dear per entry. Not thread-safe: one per DoFn instance.
 */
final class EntryPath {
  static final String SIGNING_FAILED = "signing_failed";

  private final LogEntryParser parser = new LogEntryParser();
  private final EntryFilter filter;
  private final RuleBasedSigner signer;
  private final boolean countFingerprints;

  private final Counter readCounter = GardenerCounters.counter(GardenerCounters.ENTRIES_READ);
  private final Counter parsedCounter = GardenerCounters.counter(GardenerCounters.ENTRIES_PARSED);
  private final Counter deadLetteredCounter =
      GardenerCounters.counter(GardenerCounters.DEAD_LETTERED);
  private final Counter truncatedCounter =
      GardenerCounters.counter(GardenerCounters.MESSAGES_TRUNCATED);
  private final Counter clampedCounter =
      GardenerCounters.counter(GardenerCounters.TIMESTAMPS_CLAMPED);
  private final Counter filteredCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED);
  private final Counter filteredByRuleCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_FILTERED_BY_RULE);
  private final Counter passedCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_PASSED_FILTER);
  private final Counter stderrKeptCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT_STDERR);
  private final Counter fingerprintedCounter =
      GardenerCounters.counter(GardenerCounters.ENTRIES_FINGERPRINTED_BY_RULE);

  private long read;
  private long parsed;
  private long deadLettered;
  private long truncated;
  private long clamped;
  private long filtered;
  private long filteredByRule;
  private long passed;
  private long stderrKept;
  private long fingerprinted;

  EntryPath(Severity minSeverity, SignatureRules rules) {
    this.filter = new EntryFilter(minSeverity, rules);
    this.signer = new RuleBasedSigner(new Signer(), rules);
    this.countFingerprints = !rules.fingerprints().isEmpty();
  }

  /** The entry of {@code record}, or null when it became a dead letter, given to {@code out}. */
  LogEntry parse(RawRecord record, Consumer<DeadLetter> out) {
    read++;
    ParseOutcome outcome;
    try {
      outcome = parser.parse(record);
    } catch (RuntimeException e) {
      // The parser is meant never to throw; if it does, the record still has to land somewhere.
      deadLetter(
          out,
          RecordDeadLetters.of(
              record,
              "parse",
              "internal_error",
              e.getClass().getName(),
              String.valueOf(e.getMessage())));
      return null;
    }
    if (!outcome.isOk()) {
      deadLetter(
          out,
          RecordDeadLetters.of(
              record, "parse", outcome.reason(), "InvalidLogEntry", outcome.detail()));
      return null;
    }
    LogEntry entry = outcome.entry();
    parsed++;
    if (entry.messageTruncated()) {
      truncated++;
    }
    return entry;
  }

  /**
   * The entry's own time, or {@code inputTime} when that is later: a DoFn may not move an element
   * earlier than its input. Sources that carry event time (Pub/Sub's timestamp attribute) never
   * need it, so it only guards misconfiguration.
   */
  Instant eventTime(LogEntry entry, Instant inputTime) {
    Instant eventTime = new Instant(entry.timestamp().toEpochMilli());
    if (eventTime.isBefore(inputTime)) {
      clamped++;
      return inputTime;
    }
    return eventTime;
  }

  /**
   * The signed entry, or null when the filter drops it or signing fails; a failure becomes a dead
   * letter given to {@code out}.
   */
  SignedEntry filterAndSign(LogEntry entry, Consumer<DeadLetter> out) {
    switch (filter.decide(entry)) {
      case FILTERED:
        filtered++;
        return null;
      case FILTERED_BY_RULE:
        filteredByRule++;
        return null;
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
      deadLetter(out, SignEntries.deadLetter(entry, SIGNING_FAILED, e));
      return null;
    }
    if (countFingerprints
        && RuleBasedSigner.isForced(
            new Signature(signed.signatureId, signed.signature, signed.sigVersion))) {
      fingerprinted++;
    }
    return signed;
  }

  /** Forgets counts left by a bundle that failed before it was flushed. */
  void resetCounts() {
    read = parsed = deadLettered = truncated = clamped = 0;
    filtered = filteredByRule = passed = stderrKept = fingerprinted = 0;
  }

  /** Adds what was counted since the last call to the run's counters; once per bundle. */
  void flushCounts() {
    read = inc(readCounter, read);
    parsed = inc(parsedCounter, parsed);
    deadLettered = inc(deadLetteredCounter, deadLettered);
    truncated = inc(truncatedCounter, truncated);
    clamped = inc(clampedCounter, clamped);
    filtered = inc(filteredCounter, filtered);
    filteredByRule = inc(filteredByRuleCounter, filteredByRule);
    passed = inc(passedCounter, passed);
    stderrKept = inc(stderrKeptCounter, stderrKept);
    fingerprinted = inc(fingerprintedCounter, fingerprinted);
  }

  private void deadLetter(Consumer<DeadLetter> out, DeadLetter d) {
    deadLettered++;
    GardenerCounters.deadLettered(d.reason).inc();
    out.accept(d);
  }

  /** Increments {@code c} by {@code n} when there is something to add; returns the new count, 0. */
  private static long inc(Counter c, long n) {
    if (n > 0) {
      c.inc(n);
    }
    return 0;
  }
}
