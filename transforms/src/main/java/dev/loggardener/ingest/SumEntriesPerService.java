package dev.loggardener.ingest;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Sums partial counts of entries read per service in each window: what {@link
 * CountEntriesPerService} computes from every entry, computed from the per-bundle counts of {@link
 * ParseFilterSign} instead, so one number per bundle and service crosses the shuffle.
 */
public final class SumEntriesPerService
    extends PTransform<PCollection<KV<String, Long>>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private SumEntriesPerService() {}

  public static SumEntriesPerService create() {
    return new SumEntriesPerService();
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<KV<String, Long>> counts) {
    return counts
        .apply("SumPerService", Sum.longsPerKey())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }
}
