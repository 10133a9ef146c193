package dev.loggardener.cluster;

import dev.loggardener.beam.BackIntoWindows;
import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.SignedEntryCoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.SetState;
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
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Drops repeated deliveries of the same log entry, identified as Cloud Logging does by (logName,
 * insertId, timestamp): Log Router sinks and Pub/Sub deliver at least once. Counts the entries it
 * keeps and the duplicates it drops.
 *
 * <p>A stream is keyed by the entry's digest itself, so the work spreads over as many workers as
 * the runner has and no key holds more than one digest; each digest is forgotten when the watermark
 * passes the entry's time plus the retention ({@link #DEFAULT_RETENTION}, 60 minutes, well past
 * Pub/Sub's redelivery of unacknowledged messages). A redelivery later than that counts again: the
 * price of memory that does not grow with the hours a window stays open. That step runs in the
 * global window and puts its output back into the input's windowing: in an hourly window with hours
 * of allowed lateness, per-window state would live until the window expires (the runners' per-key,
 * per-window clean-up), so a stream would hold every digest for the window plus its lateness, seven
 * hours by default, whatever the retention; the Flink soak (scripts/soak.sh) showed the heap
 * growing with every entry. A digest depends on the entry's timestamp, so one digest never spans
 * two windows and the global key loses nothing. Bounded input (an export) keeps its digests in a
 * set per (bucket, window) instead: a batch runner frees the state at the end anyway, and a fixed
 * number of keys keeps the DirectRunner's per-key cost independent of the number of entries.
 */
public final class DeduplicateEntries
    extends PTransform<PCollection<SignedEntry>, PCollection<SignedEntry>> {
  private static final long serialVersionUID = 1L;

  /** Default number of buckets for bounded input: few keys for the state. */
  public static final int DEFAULT_BUCKETS = 64;

  /** How long past an entry's time a stream remembers its digest, by default. */
  public static final Duration DEFAULT_RETENTION = Duration.standardMinutes(60);

  private final int buckets;
  private final Duration retention;

  private DeduplicateEntries(int buckets, Duration retention) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1");
    }
    if (retention.isShorterThan(Duration.ZERO) || retention.equals(Duration.ZERO)) {
      throw new IllegalArgumentException("retention must be positive");
    }
    this.buckets = buckets;
    this.retention = retention;
  }

  public static DeduplicateEntries create() {
    return new DeduplicateEntries(DEFAULT_BUCKETS, DEFAULT_RETENTION);
  }

  /** Buckets of the bounded path. */
  public DeduplicateEntries withBuckets(int n) {
    return new DeduplicateEntries(n, retention);
  }

  /** How long past an entry's time a stream remembers its digest. */
  public DeduplicateEntries withRetention(Duration d) {
    return new DeduplicateEntries(buckets, d);
  }

  /**
   * A 128-bit SHA-256 digest of the entry's identity: (logName, insertId, timestamp), or for an
   * entry without insertId its content (logName, service, timestamp, signature, instance hash,
   * sample message). Constant-size state whatever the identity's length, and collisions are out of
   * reach (2^-64 for a billion entries in one window). The fields are hashed as they are, each with
   * its length, and the timestamp as its seconds and nanoseconds: formatting the timestamp as text
   * per entry was 1.5 % of a Flink run's CPU, and lengths keep two identities from running into
   * each other. Not a stored or exported value: it lives only in the deduplication's state.
   */
  static String digest(SignedEntry e) {
    MessageDigest sha = SHA256.get();
    field(sha, e.logName);
    if (!e.insertId.isEmpty()) {
      sha.update((byte) 1);
      field(sha, e.insertId);
      time(sha, e.timestamp);
    } else {
      sha.update((byte) 0);
      field(sha, e.service);
      time(sha, e.timestamp);
      field(sha, e.signatureId);
      sha.update((byte) (e.hasInstance ? 1 : 0));
      number(sha, e.instanceHash);
      field(sha, e.sampleMessage);
    }
    byte[] d = sha.digest();
    return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
  }

  private static void field(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    // byte by byte: no array per length on this per-entry path
    sha.update((byte) (n >>> 24));
    sha.update((byte) (n >>> 16));
    sha.update((byte) (n >>> 8));
    sha.update((byte) n);
    sha.update(b);
  }

  private static void time(MessageDigest sha, java.time.Instant t) {
    number(sha, t.getEpochSecond());
    number(sha, t.getNano());
  }

  private static void number(MessageDigest sha, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      sha.update((byte) (v >>> shift));
    }
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
   * collections are flattened right before the shuffle, so no runner has to materialize a flatten
   * of whole entries (Flink's batch translation chains no consumer of a flatten, but a shuffle
   * needs no chaining).
   */
  public PTransform<PCollectionList<SignedEntry>, PCollection<SignedEntry>> ofEach() {
    DeduplicateEntries self = this;
    return new PTransform<PCollectionList<SignedEntry>, PCollection<SignedEntry>>() {
      private static final long serialVersionUID = 1L;

      @Override
      public PCollection<SignedEntry> expand(PCollectionList<SignedEntry> inputs) {
        return self.deduplicate(inputs);
      }
    };
  }

  private static final KvCoder<String, SignedEntry> DIGEST_KEYED_CODER =
      KvCoder.of(StringUtf8Coder.of(), SignedEntryCoder.of());

  private static final KvCoder<Integer, KV<String, SignedEntry>> KEYED_CODER =
      KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), SignedEntryCoder.of()));

  @Override
  public PCollection<SignedEntry> expand(PCollection<SignedEntry> input) {
    return deduplicate(PCollectionList.of(input));
  }

  /** A stream by digest with expiry, an export by bucket (see the class documentation). */
  private PCollection<SignedEntry> deduplicate(PCollectionList<SignedEntry> inputs) {
    boolean stream = false;
    for (PCollection<SignedEntry> in : inputs.getAll()) {
      stream |= in.isBounded() == PCollection.IsBounded.UNBOUNDED;
    }
    if (stream) {
      WindowingStrategy<?, ?> original = inputs.get(0).getWindowingStrategy();
      return keyEach(inputs, "KeyByDigest", KeyByDigestFn::new, DIGEST_KEYED_CODER)
          .apply(
              "IntoGlobalWindow",
              Window.<KV<String, SignedEntry>>into(new GlobalWindows())
                  .triggering(DefaultTrigger.of())
                  .discardingFiredPanes()
                  .withAllowedLateness(Duration.ZERO))
          .apply("KeepFirstWhileRemembered", ParDo.of(new KeepFirstWithExpiryFn(retention)))
          .setCoder(SignedEntryCoder.of())
          .apply("BackIntoWindows", BackIntoWindows.<SignedEntry>of(original));
    }
    int n = buckets;
    return keyEach(inputs, "KeyByBucket", () -> new KeyFn(n), KEYED_CODER)
        .apply("KeepFirst", ParDo.of(new KeepFirstFn()))
        .setCoder(SignedEntryCoder.of());
  }

  /**
   * Each input keyed on its own, then flattened right before the shuffle when there are several.
   */
  private static <T> PCollection<T> keyEach(
      PCollectionList<SignedEntry> inputs,
      String name,
      java.util.function.Supplier<DoFn<SignedEntry, T>> keyFn,
      org.apache.beam.sdk.coders.Coder<T> coder) {
    PCollectionList<T> keyed = PCollectionList.empty(inputs.getPipeline());
    for (int i = 0; i < inputs.size(); i++) {
      keyed =
          keyed.and(
              inputs.get(i).apply(i == 0 ? name : name + i, ParDo.of(keyFn.get())).setCoder(coder));
    }
    if (keyed.size() == 1) {
      return keyed.get(0);
    }
    return keyed.apply("FlattenKeyed", Flatten.pCollections()).setCoder(coder);
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
      String digest = digest(e);
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

  static final class KeyByDigestFn extends DoFn<SignedEntry, KV<String, SignedEntry>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element SignedEntry e, OutputReceiver<KV<String, SignedEntry>> out) {
      out.output(KV.of(digest(e), e));
    }
  }

  /**
   * One digest per key, in the global window: the first delivery passes, later ones are counted and
   * dropped until the watermark passes the first one's time plus the retention.
   */
  static final class KeepFirstWithExpiryFn extends DoFn<KV<String, SignedEntry>, SignedEntry> {
    private static final long serialVersionUID = 1L;

    private final Duration retention;

    KeepFirstWithExpiryFn(Duration retention) {
      this.retention = retention;
    }

    @StateId("seen")
    private final StateSpec<ValueState<Boolean>> seenSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final Counter kept = GardenerCounters.counter(GardenerCounters.ENTRIES_KEPT);
    private final Counter duplicates = GardenerCounters.counter(GardenerCounters.ENTRIES_DUPLICATE);

    @ProcessElement
    public void process(
        @Element KV<String, SignedEntry> element,
        @Timestamp Instant timestamp,
        @StateId("seen") ValueState<Boolean> seen,
        @TimerId("forget") Timer forget,
        OutputReceiver<SignedEntry> out) {
      if (seen.read() != null) {
        duplicates.inc();
        return;
      }
      seen.write(true);
      kept.inc();
      out.output(element.getValue());
      // No output timestamp: the timer emits nothing, so it must not hold the watermark.
      forget.withNoOutputTimestamp().set(timestamp.plus(retention));
    }

    @OnTimer("forget")
    public void onForget(@StateId("seen") ValueState<Boolean> seen) {
      seen.clear();
    }
  }
}
