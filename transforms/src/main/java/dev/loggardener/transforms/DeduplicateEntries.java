package dev.loggardener.transforms;

import dev.loggardener.cluster.SignedEntry;
import dev.loggardener.cluster.SignedEntryCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Drops repeated deliveries of the same log entry, identified as Cloud Logging does by (logName,
 * insertId, timestamp): Log Router sinks and Pub/Sub deliver at least once. A stateful DoFn keyed
 * by that identity; its state lives per key and window, so the runner frees it when the window
 * expires (end + allowed lateness) and memory stays bounded by the entries of open windows. Unlike
 * a processing-time cache, the result does not depend on how fast the data arrives. Counts the
 * entries it keeps and the duplicates it drops.
 */
public final class DeduplicateEntries
    extends PTransform<PCollection<SignedEntry>, PCollection<SignedEntry>> {
  private static final long serialVersionUID = 1L;

  private DeduplicateEntries() {}

  public static DeduplicateEntries create() {
    return new DeduplicateEntries();
  }

  /** The identity of an entry; entries without insertId fall back to their content. */
  public static String identity(SignedEntry e) {
    if (!e.insertId.isEmpty()) {
      return e.logName + '\u0000' + e.insertId + '\u0000' + e.timestamp;
    }
    return e.logName + '\u0000' + e.service + '\u0000' + e.timestamp + '\u0000' + e.signatureId
        + '\u0000' + e.instanceId + '\u0000' + e.sampleMessage;
  }

  @Override
  public PCollection<SignedEntry> expand(PCollection<SignedEntry> input) {
    return input
        .apply("KeyByIdentity", ParDo.of(new KeyFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SignedEntryCoder.of()))
        .apply("KeepFirst", ParDo.of(new KeepFirstFn()))
        .setCoder(SignedEntryCoder.of());
  }

  static final class KeyFn extends DoFn<SignedEntry, KV<String, SignedEntry>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element SignedEntry e, OutputReceiver<KV<String, SignedEntry>> out) {
      out.output(KV.of(identity(e), e));
    }
  }

  static final class KeepFirstFn extends DoFn<KV<String, SignedEntry>, SignedEntry> {
    private static final long serialVersionUID = 1L;

    @StateId("seen")
    private final StateSpec<ValueState<Boolean>> seenSpec = StateSpecs.value();

    private final Counter kept = GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT);
    private final Counter duplicates = GardenerCounters.counter(GardenerCounters.ENTRIES_DUPLICATE);

    @ProcessElement
    public void process(
        @Element KV<String, SignedEntry> element,
        @StateId("seen") ValueState<Boolean> seen,
        OutputReceiver<SignedEntry> out) {
      if (Boolean.TRUE.equals(seen.read())) {
        duplicates.inc();
        return;
      }
      seen.write(true);
      kept.inc();
      out.output(element.getValue());
    }
  }
}
