package dev.loggardener.pipeline.io;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import dev.loggardener.pipeline.options.SyntheticSourceOptions;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads generated Cloud Run entries from a {@link SyntheticLogSource} as raw records, for load
 * tests and demos: {@code --ratePerSecond} entries per second, {@code --durationSeconds} worth of
 * them (0 for no end), from {@code --syntheticStartSeconds} on, {@code --signatures} tail
 * templates, {@code --errorRatio} warnings and errors from {@code --syntheticServices} services,
 * {@code --seed}. The output is unbounded, so the pipeline windows it as a stream.
 */
public final class ReadSyntheticLogs extends PTransform<PBegin, PCollection<RawRecord>> {
  private static final long serialVersionUID = 1L;

  private final SyntheticLogSource source;

  private ReadSyntheticLogs(SyntheticLogSource source) {
    this.source = source;
  }

  public static ReadSyntheticLogs from(SyntheticSourceOptions o) {
    SyntheticLogEntries entries = entries(o);
    long total =
        o.getDurationSeconds() == 0
            ? SyntheticLogSource.ENDLESS
            : Math.multiplyExact(o.getRatePerSecond(), o.getDurationSeconds());
    return new ReadSyntheticLogs(
        SyntheticLogSource.of(entries, o.getRatePerSecond(), total)
            .startingAt(Math.multiplyExact(o.getRatePerSecond(), o.getSyntheticStartSeconds())));
  }

  /** The generator these options describe, after {@link #validate}. */
  public static SyntheticLogEntries entries(SyntheticSourceOptions o) {
    validate(o);
    return SyntheticLogEntries.of(
        o.getSeed(),
        o.getSignatures(),
        o.getErrorRatio(),
        o.getRatePerSecond(),
        o.getSyntheticServices());
  }

  /** Throws with a message naming the option when the synthetic options make no sense. */
  public static void validate(SyntheticSourceOptions o) {
    if (o.getRatePerSecond() <= 0) {
      throw new IllegalArgumentException("--ratePerSecond must be positive");
    }
    if (o.getDurationSeconds() < 0) {
      throw new IllegalArgumentException("--durationSeconds must be 0 (no end) or more");
    }
    if (o.getSyntheticStartSeconds() < 0
        || (o.getDurationSeconds() > 0 && o.getSyntheticStartSeconds() > o.getDurationSeconds())) {
      throw new IllegalArgumentException(
          "--syntheticStartSeconds must be 0 or more, and at most --durationSeconds");
    }
    if (o.getSignatures() < 0) {
      throw new IllegalArgumentException("--signatures must be 0 or more");
    }
    if (o.getSyntheticServices() < 1) {
      throw new IllegalArgumentException("--syntheticServices must be 1 or more");
    }
    if (!(o.getErrorRatio() >= 0 && o.getErrorRatio() <= 1)) {
      throw new IllegalArgumentException("--errorRatio must be between 0 and 1");
    }
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    return begin.apply("GenerateEntries", Read.from(source)).setCoder(RawRecordCoder.of());
  }
}
