package dev.loggardener.ingest;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.DeadLetterCoder;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Filters parsed entries by severity and ignore rules and signs those kept, through the same {@link
 * EntryPath} as the fused {@link ParseFilterSign} step, with the same counters: the path of the
 * entries {@code ReassembleSplitTraces} put back together, which had to skip the filter while they
 * were single lines.
 */
public final class FilterAndSign extends PTransform<PCollection<LogEntry>, SignedOutputs> {
  private static final long serialVersionUID = 1L;

  private static final TupleTag<SignedEntry> SIGNED = new TupleTag<SignedEntry>() {};
  private static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<DeadLetter>() {};

  private final Severity minSeverity;
  private final SignatureRules rules;

  private FilterAndSign(Severity minSeverity, SignatureRules rules) {
    this.minSeverity = minSeverity;
    this.rules = rules;
  }

  /** Keeps entries at or above {@code minSeverity} (and error-looking stderr lines). */
  public static FilterAndSign atLeast(Severity minSeverity) {
    return new FilterAndSign(minSeverity, SignatureRules.none());
  }

  /** Drops what the ignore rules of {@code rules} match and signs with its fingerprints. */
  public FilterAndSign withRules(SignatureRules rules) {
    return new FilterAndSign(minSeverity, rules);
  }

  @Override
  public SignedOutputs expand(PCollection<LogEntry> entries) {
    PCollectionTuple out =
        entries.apply(
            "FilterAndSign",
            ParDo.of(new FilterAndSignFn(minSeverity, rules))
                .withOutputTags(SIGNED, TupleTagList.of(DEAD_LETTERS)));
    return new SignedOutputs(
        entries.getPipeline(),
        out.get(SIGNED).setCoder(SignedEntryCoder.of()),
        out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.of()));
  }

  static final class FilterAndSignFn extends DoFn<LogEntry, SignedEntry> {
    private static final long serialVersionUID = 1L;

    private final Severity minSeverity;
    private final SignatureRules rules;
    private transient EntryPath path;

    FilterAndSignFn(Severity minSeverity, SignatureRules rules) {
      this.minSeverity = minSeverity;
      this.rules = rules;
    }

    @Setup
    public void setup() {
      path = new EntryPath(minSeverity, rules);
    }

    @StartBundle
    public void startBundle() {
      path.resetCounts();
    }

    @ProcessElement
    public void process(@Element LogEntry entry, MultiOutputReceiver out) {
      SignedEntry signed = path.filterAndSign(entry, d -> out.get(DEAD_LETTERS).output(d));
      if (signed != null) {
        out.get(SIGNED).output(signed);
      }
    }

    @FinishBundle
    public void finishBundle() {
      path.flushCounts();
    }
  }
}
