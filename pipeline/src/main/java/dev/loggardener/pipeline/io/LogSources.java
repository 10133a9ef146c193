package dev.loggardener.pipeline.io;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.options.SyntheticSourceOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;

/**
 * Chooses the source of raw log records from the options. Every source yields {@link RawRecord}s
 * (one LogEntry's text each, or a failure) stamped with the entry's event time where the source
 * knows it, so the rest of the pipeline is the same whatever the input.
 */
public final class LogSources {
  private LogSources() {}

  public static PCollection<RawRecord> read(Pipeline p, LogGardenerOptions o) {
    if (SyntheticSourceOptions.SYNTHETIC.equals(o.getSource())) {
      return p.apply("ReadSyntheticLogs", ReadSyntheticLogs.from(o));
    }
    if (!SyntheticSourceOptions.EXPORT.equals(o.getSource())) {
      throw new IllegalArgumentException(
          "--source=" + o.getSource() + " is not a source; use export or synthetic");
    }
    // Google Cloud: a Pub/Sub subscription or topic, when one is set, replaces --input.
    PubsubLogSource pubsub = pubsubSource(o);
    if (pubsub != null) {
      return p.apply("ReadPubsub", pubsub);
    }
    return p.apply(
        "ReadLogExport",
        ReadLogExport.from(o.getInput()).withChunkBytes(o.getReadChunkMegabytes() * 1024L * 1024L));
  }

  /**
   * Whether the options name a Pub/Sub source, an unbounded one: the runner must be told to stream
   * before the pipeline is built, since building it does not change the options.
   */
  public static boolean readsPubsub(LogGardenerOptions o) {
    return SyntheticSourceOptions.EXPORT.equals(o.getSource()) && pubsubSource(o) != null;
  }

  /** The Pub/Sub source the options name, or null when they name none. */
  public static PubsubLogSource pubsubSource(LogGardenerOptions o) {
    if (!isBlank(o.getInputSubscription())) {
      return PubsubLogSource.fromSubscription(o.getInputSubscription());
    }
    if (!isBlank(o.getInputTopic())) {
      return PubsubLogSource.fromTopic(o.getInputTopic());
    }
    return null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
