package dev.loggardener.multiline;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.LogEntryCoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Merges a stack trace that a runtime printed to stdout/stderr one line per log entry back into one
 * logical {@link LogEntry} (lines joined with {@code \n}; first line's timestamp and insertId;
 * highest severity), so that one crash is one cluster counted once. Only {@link
 * SplitTraceCandidates} take the stateful path; every other entry bypasses it and is flattened
 * back. Candidates are keyed by (service, log, instance) and buffered in a stateful DoFn; because
 * runners deliver elements in no particular order, the buffer is sorted by (timestamp, insertId)
 * and grouped by {@link TraceAssembler} only when an event-time timer fires, one gap after the
 * newest buffered line. The timer holds the watermark at the oldest buffered line, so a merged
 * entry keeps its first line's event time. A line that cannot belong to any trace passes through at
 * once; the buffer is capped at {@link TraceLimits}' lines and characters and flushed when full, so
 * state stays bounded. Lines merged away are counted as {@code entries_merged_into_traces}, keeping
 * {@code entries_read} accounted for.
 *
 * <pre>{@code
 * PCollection<LogEntry> whole = entries.apply("ReassembleSplitTraces",
 *     ReassembleSplitTraces.within(TraceLimits.of(1_000, 256, 65_536)));
 * }</pre>
 */
public final class ReassembleSplitTraces
    extends PTransform<PCollection<LogEntry>, PCollection<LogEntry>> {
  private static final long serialVersionUID = 1L;

  private final TraceLimits limits;
  private final boolean linesOnly;

  private ReassembleSplitTraces(TraceLimits limits, boolean linesOnly) {
    this.limits = limits;
    this.linesOnly = linesOnly;
  }

  public static ReassembleSplitTraces within(TraceLimits limits) {
    return new ReassembleSplitTraces(limits, false);
  }

  /**
   * For input that holds only split-trace candidates, already chosen upstream (the fused {@code
   * ParseFilterSign} step sends only those here): no bypass and no flatten, so the other entries
   * never pass through this transform at all.
   */
  public static ReassembleSplitTraces linesWithin(TraceLimits limits) {
    return new ReassembleSplitTraces(limits, true);
  }

  @Override
  public PCollection<LogEntry> expand(PCollection<LogEntry> entries) {
    if (linesOnly) {
      return reassemble(entries);
    }
    // Two single-output filters rather than one two-output router: on Beam's Flink batch
    // translation every consumer of a multi-output step decodes all of its outputs.
    PCollection<LogEntry> bypass =
        entries.apply("KeepWholeEntries", ParDo.of(new BypassFn())).setCoder(entries.getCoder());
    return PCollectionList.of(bypass)
        .and(reassemble(entries))
        .apply("FlattenReassembled", Flatten.pCollections());
  }

  private PCollection<LogEntry> reassemble(PCollection<LogEntry> entries) {
    return entries
        .apply("RouteCandidates", ParDo.of(new CandidateFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LogEntryCoder.of()))
        .apply("ReassembleLines", ParDo.of(new ReassembleFn(limits)))
        .setCoder(entries.getCoder());
  }

  static final class BypassFn extends DoFn<LogEntry, LogEntry> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element LogEntry e, OutputReceiver<LogEntry> out) {
      if (!SplitTraceCandidates.isCandidate(e)) {
        out.output(e);
      }
    }
  }

  static final class CandidateFn extends DoFn<LogEntry, KV<String, LogEntry>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element LogEntry e, OutputReceiver<KV<String, LogEntry>> out) {
      if (SplitTraceCandidates.isCandidate(e)) {
        out.output(KV.of(SplitTraceCandidates.streamKey(e), e));
      }
    }
  }

  static final class ReassembleFn extends DoFn<KV<String, LogEntry>, LogEntry> {
    private static final long serialVersionUID = 1L;

    private final TraceAssembler assembler;
    private final Duration gap;

    @StateId("lines")
    private final StateSpec<BagState<LogEntry>> linesSpec = StateSpecs.bag(LogEntryCoder.of());

    /** Lines and characters buffered, to flush before state grows past the caps. */
    @StateId("lineCount")
    private final StateSpec<ValueState<Integer>> lineCountSpec = StateSpecs.value(VarIntCoder.of());

    @StateId("charCount")
    private final StateSpec<ValueState<Integer>> charCountSpec = StateSpecs.value(VarIntCoder.of());

    /** Oldest buffered event time: the flush timer's output timestamp (its watermark hold). */
    @StateId("hold")
    private final StateSpec<ValueState<Instant>> holdSpec = StateSpecs.value(InstantCoder.of());

    /** Newest buffered event time: the flush is due one gap after it. */
    @StateId("newest")
    private final StateSpec<ValueState<Instant>> newestSpec = StateSpecs.value(InstantCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final Counter merged =
        GardenerCounters.counter(GardenerCounters.ENTRIES_MERGED_INTO_TRACES);
    private final Counter traces = GardenerCounters.counter(GardenerCounters.TRACES_REASSEMBLED);
    private final Counter duplicates = GardenerCounters.counter(GardenerCounters.ENTRIES_DUPLICATE);
    private final Counter capFlushes =
        GardenerCounters.counter(GardenerCounters.TRACE_BUFFERS_FLUSHED_AT_CAP);

    /**
     * On Flink's batch translation, where every line of a key arrives before its first timer fires,
     * a merged trace could be emitted before the timestamp Beam checks a timer's outputs against (a
     * millisecond before it in CrossRunnerConsistencyTest, forty minutes in a larger export), and
     * that check failed the whole run. The merged entry must keep its first line's time, or it
     * could land in another window than on other runners; on a bounded run there is no late data
     * for an earlier timestamp to become, and where the runner holds the watermark at the timer's
     * output timestamp (the DirectRunner, Flink streaming, Dataflow) outputs are never before it,
     * so the skew changes nothing there.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }

    ReassembleFn(TraceLimits limits) {
      this.assembler = new TraceAssembler(limits);
      // One millisecond more than the gap: element times are milliseconds, line times nanoseconds.
      this.gap = Duration.millis(limits.gapMillis() + 1);
    }

    @ProcessElement
    public void process(
        @Element KV<String, LogEntry> element,
        @Timestamp Instant at,
        @StateId("lines") BagState<LogEntry> lines,
        @StateId("lineCount") ValueState<Integer> lineCount,
        @StateId("charCount") ValueState<Integer> charCount,
        @StateId("hold") ValueState<Instant> hold,
        @StateId("newest") ValueState<Instant> newest,
        @TimerId("flush") Timer flush,
        OutputReceiver<LogEntry> out) {
      LogEntry line = element.getValue();
      if (!TraceLines.couldBePartOfTrace(TraceAssembler.text(line))) {
        out.output(line);
        return;
      }
      lines.add(line);
      int count = orZero(lineCount.read()) + 1;
      int chars = orZero(charCount.read()) + TraceAssembler.text(line).length() + 1;
      if (count >= assembler.limits().maxLines() || chars >= assembler.limits().maxChars()) {
        // Full: emit what is buffered now. Outputs may not be older than this element, so their
        // event times are clamped to it; their LogEntry timestamps stay the first lines'.
        capFlushes.inc();
        List<LogEntry> buffered = sortedUnique(lines.read());
        for (List<LogEntry> group : assembler.group(buffered)) {
          emit(group, at, out);
        }
        clear(lines, lineCount, charCount, hold, newest);
        flush.clear();
        return;
      }
      lineCount.write(count);
      charCount.write(chars);
      Instant newestAt = newest.read();
      if (newestAt == null || at.isAfter(newestAt)) {
        newestAt = at;
        newest.write(at);
      }
      Instant holdAt = hold.read();
      if (holdAt == null || at.isBefore(holdAt)) {
        // Only the current element's time may become the hold here; a later line leaves the timer
        // alone and the timer re-arms itself when it finds newer lines (see onFlush).
        hold.write(at);
        flush.withOutputTimestamp(at).set(newestAt.plus(gap));
      }
    }

    @OnTimer("flush")
    public void onFlush(
        OnTimerContext context,
        @StateId("lines") BagState<LogEntry> lines,
        @StateId("lineCount") ValueState<Integer> lineCount,
        @StateId("charCount") ValueState<Integer> charCount,
        @StateId("hold") ValueState<Instant> hold,
        @StateId("newest") ValueState<Instant> newest,
        @TimerId("flush") Timer flush,
        OutputReceiver<LogEntry> out) {
      Instant firedAt = context.fireTimestamp();
      Instant holdAt = hold.read();
      if (holdAt == null) {
        holdAt = context.timestamp(); // the timer's own output timestamp: always a valid floor
      }
      List<LogEntry> buffered = sortedUnique(lines.read());
      List<LogEntry> open = new ArrayList<>();
      for (List<LogEntry> group : assembler.group(buffered)) {
        // A group is closed once a gap has passed after its last line; a later group can only
        // be closed when every earlier one is, since lines are sorted.
        Instant due = millis(group.get(group.size() - 1)).plus(gap);
        if (open.isEmpty() && !due.isAfter(firedAt)) {
          emit(group, holdAt, out);
        } else {
          open.addAll(group);
        }
      }
      clear(lines, lineCount, charCount, hold, newest);
      if (open.isEmpty()) {
        return;
      }
      // Open lines are sorted: the first is the oldest. The hold may only move forward here.
      Instant newHold = max(holdAt, millis(open.get(0)));
      Instant newestAt = newHold;
      int chars = 0;
      for (LogEntry e : open) {
        lines.add(e);
        chars += TraceAssembler.text(e).length() + 1;
        newestAt = max(newestAt, millis(e));
      }
      lineCount.write(open.size());
      charCount.write(chars);
      hold.write(newHold);
      newest.write(newestAt);
      flush.withOutputTimestamp(newHold).set(newestAt.plus(gap));
    }

    private void emit(List<LogEntry> group, Instant notBefore, OutputReceiver<LogEntry> out) {
      if (group.size() > 1) {
        merged.inc(group.size() - 1);
        traces.inc();
      }
      Instant at = max(millis(group.get(0)), notBefore);
      out.outputWithTimestamp(TraceAssembler.merge(group), at);
    }

    /** Sorted by (timestamp, insertId); repeated deliveries of a line are dropped and counted. */
    private List<LogEntry> sortedUnique(Iterable<LogEntry> lines) {
      List<LogEntry> all = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (LogEntry e : lines) {
        if (e.insertId().isEmpty() || seen.add(e.dedupKey())) {
          all.add(e);
        } else {
          duplicates.inc();
        }
      }
      all.sort(TraceAssembler.ORDER);
      return all;
    }

    private static void clear(
        BagState<LogEntry> lines,
        ValueState<Integer> lineCount,
        ValueState<Integer> charCount,
        ValueState<Instant> hold,
        ValueState<Instant> newest) {
      lines.clear();
      lineCount.clear();
      charCount.clear();
      hold.clear();
      newest.clear();
    }

    private static int orZero(Integer i) {
      return i == null ? 0 : i;
    }

    private static Instant millis(LogEntry e) {
      return new Instant(e.timestamp().toEpochMilli());
    }

    private static Instant max(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }
  }
}
