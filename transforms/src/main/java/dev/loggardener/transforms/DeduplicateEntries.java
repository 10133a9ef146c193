package dev.loggardener.transforms;

import dev.loggardener.cluster.SignedEntry;
import dev.loggardener.cluster.SignedEntryCoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.SetState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Drops repeated deliveries of the same log entry, identified as Cloud Logging does by (logName,
 * insertId, timestamp): Log Router sinks and Pub/Sub deliver at least once. A stateful DoFn keeps
 * the digests of the identities it has seen in a set per (bucket, window); entries are spread over
 * a fixed number of buckets by their digest. Bucketing keeps the number of keyed states (and of
 * the runner's per-key cleanup timers) independent of the number of entries, which is what makes
 * the DirectRunner usable on large exports, while still spreading the work over workers. State is
 * scoped to the window, so the runner frees it when the window expires (end plus allowed
 * lateness), and unlike a processing-time cache the result does not depend on arrival speed.
 * Counts the entries it keeps and the duplicates it drops.
 */
public final class DeduplicateEntries
    extends PTransform<PCollection<SignedEntry>, PCollection<SignedEntry>> {
  private static final long serialVersionUID = 1L;

  /** Default number of buckets: enough parallelism for any runner, few keys for the state. */
  public static final int DEFAULT_BUCKETS = 64;

  private final int buckets;

  private DeduplicateEntries(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1");
    }
    this.buckets = buckets;
  }

  public static DeduplicateEntries create() {
    return new DeduplicateEntries(DEFAULT_BUCKETS);
  }

  public DeduplicateEntries withBuckets(int n) {
    return new DeduplicateEntries(n);
  }

  /** The identity of an entry; entries without insertId fall back to their content. */
  public static String identity(SignedEntry e) {
    if (!e.insertId.isEmpty()) {
      return e.logName + '\u0000' + e.insertId + '\u0000' + e.timestamp;
    }
    return e.logName + '\u0000' + e.service + '\u0000' + e.timestamp + '\u0000' + e.signatureId
        + '\u0000' + e.instanceId + '\u0000' + e.sampleMessage;
  }

  /**
   * A 128-bit digest of the identity: constant-size state whatever the identity's length, and
   * collisions are out of reach (2^-64 for a billion entries in one window).
   */
  static String digest(String identity) {
    byte[] d = SHA256.get().digest(identity.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
  }

  // Looking a digest up by name costs more than hashing a short identity; this runs per entry.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
          });

  /**
   * The same deduplication over several inputs at once: each is keyed on its own and the keyed
   * collections are flattened right before the shuffle, so no runner has to materialize a
   * flatten of whole entries (Flink's batch translation chains no consumer of a flatten, but a
   * shuffle needs no chaining).
   */
  public PTransform<PCollectionList<SignedEntry>, PCollection<SignedEntry>> ofEach() {
    int n = buckets;
    return new PTransform<PCollectionList<SignedEntry>, PCollection<SignedEntry>>() {
      private static final long serialVersionUID = 1L;

      @Override
      public PCollection<SignedEntry> expand(PCollectionList<SignedEntry> inputs) {
        PCollectionList<KV<Integer, KV<String, SignedEntry>>> keyed = PCollectionList.empty(inputs.getPipeline());
        for (int i = 0; i < inputs.size(); i++) {
          keyed =
              keyed.and(
                  inputs
                      .get(i)
                      .apply(i == 0 ? "KeyByBucket" : "KeyByBucket" + i, ParDo.of(new KeyFn(n)))
                      .setCoder(KEYED_CODER));
        }
        return keyed
            .apply("FlattenKeyed", Flatten.pCollections())
            .setCoder(KEYED_CODER)
            .apply("KeepFirst", ParDo.of(new KeepFirstFn()))
            .setCoder(SignedEntryCoder.of());
      }
    };
  }

  private static final KvCoder<Integer, KV<String, SignedEntry>> KEYED_CODER =
      KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), SignedEntryCoder.of()));

  @Override
  public PCollection<SignedEntry> expand(PCollection<SignedEntry> input) {
    return input
        .apply("KeyByBucket", ParDo.of(new KeyFn(buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), SignedEntryCoder.of())))
        .apply("KeepFirst", ParDo.of(new KeepFirstFn()))
        .setCoder(SignedEntryCoder.of());
  }

  static final class KeyFn extends DoFn<SignedEntry, KV<Integer, KV<String, SignedEntry>>> {
    private static final long serialVersionUID = 1L;

    private final int buckets;

    KeyFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(
        @Element SignedEntry e, OutputReceiver<KV<Integer, KV<String, SignedEntry>>> out) {
      String digest = digest(identity(e));
      int bucket = Math.floorMod(digest.hashCode(), buckets);
      out.output(KV.of(bucket, KV.of(digest, e)));
    }
  }

  static final class KeepFirstFn extends DoFn<KV<Integer, KV<String, SignedEntry>>, SignedEntry> {
    private static final long serialVersionUID = 1L;

    @StateId("seen")
    private final StateSpec<SetState<String>> seenSpec = StateSpecs.set(StringUtf8Coder.of());

    private final Counter kept = GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT);
    private final Counter duplicates = GardenerCounters.counter(GardenerCounters.ENTRIES_DUPLICATE);

    @ProcessElement
    public void process(
        @Element KV<Integer, KV<String, SignedEntry>> element,
        @StateId("seen") SetState<String> seen,
        OutputReceiver<SignedEntry> out) {
      KV<String, SignedEntry> entry = element.getValue();
      // addIfAbsent reads and writes in one state access; true means it was not there yet.
      if (Boolean.TRUE.equals(seen.addIfAbsent(entry.getKey()).read())) {
        kept.inc();
        out.output(entry.getValue());
      } else {
        duplicates.inc();
      }
    }
  }
}
