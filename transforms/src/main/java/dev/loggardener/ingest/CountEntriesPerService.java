package dev.loggardener.ingest;

import dev.loggardener.model.LogEntry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Counts every parsed entry per service in each window, kept or not: the "entries read" figure of a
 * report's collection summary (the seed's "1,000 log entries collected").
 */
public final class CountEntriesPerService
    extends PTransform<PCollection<LogEntry>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private CountEntriesPerService() {}

  public static CountEntriesPerService create() {
    return new CountEntriesPerService();
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<LogEntry> entries) {
    return entries
        .apply("ServiceOf", MapElements.into(TypeDescriptors.strings()).via(LogEntry::service))
        .setCoder(StringUtf8Coder.of())
        .apply("CountPerService", Count.perElement())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }
}
