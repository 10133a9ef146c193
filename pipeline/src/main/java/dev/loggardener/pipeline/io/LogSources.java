package dev.loggardener.pipeline.io;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.options.LogGardenerOptions;
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
    return p.apply("ReadLogExport", ReadLogExport.from(o.getInput()));
  }
}
