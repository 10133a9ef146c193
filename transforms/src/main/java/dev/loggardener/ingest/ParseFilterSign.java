package dev.loggardener.ingest;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.DeadLetterCoder;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.LogEntryCoder;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * Parse, severity filter and sign in one step right after the read ({@link ParseFilterSignFn}), so
 * that only compact signed entries cross a shuffle and a {@link LogEntry} is neither encoded nor
 * decoded on the way, except for the few lines that may belong to a split stack trace: those come
 * out as {@link EntryOutputs#traceLines} for {@code ReassembleSplitTraces}, then {@link
 * FilterAndSign}. The outputs are {@link EntryOutputs}.
 *
 * <p>What happens to an entry and what is counted is {@link EntryPath}'s, shared with {@link
 * FilterAndSign}, so every record read is accounted for under the same counter names.
 */
public final class ParseFilterSign extends PTransform<PCollection<RawRecord>, EntryOutputs> {
  private static final long serialVersionUID = 1L;

  private static final TupleTag<SignedEntry> SIGNED = new TupleTag<SignedEntry>() {};
  private static final TupleTag<EntryAside> ASIDE = new TupleTag<EntryAside>() {};

  private final Severity minSeverity;
  private final SignatureRules rules;
  private final Duration windowSize;

  private ParseFilterSign(Severity minSeverity, SignatureRules rules, Duration windowSize) {
    this.minSeverity = minSeverity;
    this.rules = rules;
    this.windowSize = windowSize;
  }

  /**
   * Keeps entries at or above {@code minSeverity} (and error-looking stderr lines); counts of
   * entries read are summed per {@code windowSize} event-time window, which must be the size the
   * counts are windowed into afterwards.
   */
  public static ParseFilterSign atLeast(Severity minSeverity, Duration windowSize) {
    return new ParseFilterSign(minSeverity, SignatureRules.none(), windowSize);
  }

  /** Signs with the fingerprint rules and masks of {@code rules} and drops what they ignore. */
  public ParseFilterSign withRules(SignatureRules rules) {
    return new ParseFilterSign(minSeverity, rules, windowSize);
  }

  @Override
  public EntryOutputs expand(PCollection<RawRecord> records) {
    PCollectionTuple fused =
        records.apply(
            "ParseFilterSign",
            ParDo.of(new ParseFilterSignFn(SIGNED, ASIDE, minSeverity, rules, windowSize))
                .withOutputTags(SIGNED, TupleTagList.of(ASIDE)));
    fused.get(SIGNED).setCoder(SignedEntryCoder.of());
    PCollection<EntryAside> aside = fused.get(ASIDE).setCoder(EntryAsideCoder.of());
    // Single-output filters over the small side output (see EntryAside for why one).
    PCollection<DeadLetter> deadLetters =
        aside.apply("DeadLetters", ParDo.of(new DeadLettersFn())).setCoder(DeadLetterCoder.of());
    PCollection<LogEntry> traceLines =
        aside.apply("TraceLines", ParDo.of(new TraceLinesFn())).setCoder(LogEntryCoder.of());
    PCollection<KV<String, Long>> entriesRead =
        aside
            .apply("EntriesRead", ParDo.of(new EntriesReadFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return new EntryOutputs(
        records.getPipeline(), fused.get(SIGNED), deadLetters, traceLines, entriesRead);
  }

  static final class DeadLettersFn extends DoFn<EntryAside, DeadLetter> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element EntryAside a, OutputReceiver<DeadLetter> out) {
      if (a.kind() == EntryAside.Kind.DEAD_LETTER) {
        out.output(a.deadLetter());
      }
    }
  }

  static final class TraceLinesFn extends DoFn<EntryAside, LogEntry> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element EntryAside a, OutputReceiver<LogEntry> out) {
      if (a.kind() == EntryAside.Kind.TRACE_LINE) {
        out.output(a.traceLine());
      }
    }
  }

  static final class EntriesReadFn extends DoFn<EntryAside, KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element EntryAside a, OutputReceiver<KV<String, Long>> out) {
      if (a.kind() == EntryAside.Kind.ENTRIES_READ) {
        out.output(KV.of(a.service(), a.count()));
      }
    }
  }
}
