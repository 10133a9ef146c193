package dev.loggardener.pipeline.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, deterministic sequence of Cloud Run log entries for load tests and demos: entry
 * {@code i} is a pure function of the configuration and {@code i} alone, so any worker can produce
 * any entry, a restarted reader reproduces exactly what it produced before, and two runs with the
 * same seed see the same data. A share {@code errorRatio} of the entries are warnings or errors; of
 * those, one hot signature (the seed's missing-module error) carries half, the seed's six other
 * clusters share the rest when there is no tail, and with a tail of {@code signatures} further
 * templates they keep a tenth and the tail takes the remaining 40 %, skewed so that low template
 * numbers are more frequent. Everything else is ordinary traffic (request logs, INFO and DEBUG
 * application logs, gunicorn chatter on stderr). Entries are {@code 1e9 / ratePerSecond}
 * nanoseconds apart in event time, from {@link #DEFAULT_START}. With several services, entry {@code
 * i} belongs to service {@code i mod n} ({@link #serviceNames}); each service has the same mix, and
 * the first one is the bundled sample's service, so one service gives the same entries as before
 * services existed.
 */
public final class SyntheticLogEntries implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The bundled sample's service, and the synthetic source's first. */
  public static final String SAMPLE_SERVICE = "netra-backend-staging";

  /** Event time of entry 0. */
  public static final Instant DEFAULT_START = Instant.parse("2025-09-16T00:00:00Z");

  /** Share of the warnings and errors carried by the one hot signature. */
  public static final double HOT_SHARE = 0.5;

  /** Share of the warnings and errors in the seed's other clusters when there is a tail. */
  public static final double SEED_SHARE_WITH_TAIL = 0.1;

  /** What kind of entry an index is; the split of {@link #HOT_SHARE} and friends. */
  public enum Kind {
    NORMAL,
    HOT,
    SEED,
    TAIL
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final CloudRunHourGenerator.SeedCluster[] OTHER_SEED_CLUSTERS = {
    CloudRunHourGenerator.SeedCluster.CONTAINER_EXIT,
    CloudRunHourGenerator.SeedCluster.MIDDLEWARE_SETUP,
    CloudRunHourGenerator.SeedCluster.WORKER_TRACEBACK,
    CloudRunHourGenerator.SeedCluster.MALFORMED_RESPONSE,
    CloudRunHourGenerator.SeedCluster.SENTRY_SDK_MISSING,
    CloudRunHourGenerator.SeedCluster.SERVICE_ID_WHITESPACE
  };

  private final List<String> services;
  private final long seed;
  private final int signatures;
  private final double errorRatio;
  private final double nanosPerEntry;
  private final Instant start;
  private transient CloudRunHourGenerator[] generators;

  private SyntheticLogEntries(
      List<String> services,
      long seed,
      int signatures,
      double errorRatio,
      double nanosPerEntry,
      Instant start) {
    if (signatures < 0) {
      throw new IllegalArgumentException("signatures must be 0 or more");
    }
    if (!(errorRatio >= 0 && errorRatio <= 1)) {
      throw new IllegalArgumentException("errorRatio must be between 0 and 1");
    }
    if (!(nanosPerEntry > 0)) {
      throw new IllegalArgumentException("entries must be spaced by a positive time");
    }
    if (services.isEmpty()) {
      throw new IllegalArgumentException("at least one service");
    }
    this.services = List.copyOf(services);
    this.seed = seed;
    this.signatures = signatures;
    this.errorRatio = errorRatio;
    this.nanosPerEntry = nanosPerEntry;
    this.start = start;
  }

  /** Entries of the bundled sample's service, {@code ratePerSecond} per second of event time. */
  public static SyntheticLogEntries of(
      long seed, int signatures, double errorRatio, double ratePerSecond) {
    return of(seed, signatures, errorRatio, ratePerSecond, 1);
  }

  /**
   * Entries of {@code services} services taking turns ({@link #serviceNames}), {@code
   * ratePerSecond} per second of event time in all.
   */
  public static SyntheticLogEntries of(
      long seed, int signatures, double errorRatio, double ratePerSecond, int services) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be positive");
    }
    return new SyntheticLogEntries(
        serviceNames(services), seed, signatures, errorRatio, 1e9 / ratePerSecond, DEFAULT_START);
  }

  /**
   * The names of {@code n} synthetic services: the bundled sample's service first, then {@code
   * netra-backend-staging-2}, {@code -3}, ...
   */
  public static List<String> serviceNames(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("services must be 1 or more");
    }
    List<String> out = new ArrayList<>(n);
    out.add(SAMPLE_SERVICE);
    for (int k = 2; k <= n; k++) {
      out.add(SAMPLE_SERVICE + "-" + k);
    }
    return out;
  }

  /** The service of entry {@code i}. */
  public String service(long i) {
    return services.get((int) Math.floorMod(i, (long) services.size()));
  }

  /** The same entries spread evenly over {@code span} of event time from {@code start}. */
  public static SyntheticLogEntries spanning(
      long seed,
      int signatures,
      double errorRatio,
      long entries,
      java.time.Duration span,
      Instant start) {
    return new SyntheticLogEntries(
        List.of(SAMPLE_SERVICE),
        seed,
        signatures,
        errorRatio,
        span.toNanos() / (double) Math.max(1, entries),
        start);
  }

  /** Event time of entry {@code i}; never decreases with {@code i}. */
  public Instant eventTime(long i) {
    return start.plusNanos((long) (i * nanosPerEntry));
  }

  /** The kind of entry {@code i}, without building it. */
  public Kind kind(long i) {
    return kind(random(i));
  }

  /** Entry {@code i} as a LogEntry JSON object. */
  public ObjectNode entry(long i) {
    SplittableRandom rnd = random(i);
    Kind kind = kind(rnd);
    CloudRunHourGenerator g = generator(i);
    ObjectNode e;
    switch (kind) {
      case HOT:
        e = g.seedEntry(CloudRunHourGenerator.SeedCluster.MISSING_MODULE, rnd);
        break;
      case SEED:
        e = g.seedEntry(otherSeedCluster(rnd), rnd);
        break;
      case TAIL:
        // Squaring a uniform draw makes low template numbers likelier: a long tail, not a flat one.
        double w = rnd.nextDouble();
        e = g.tailEntry((int) Math.min(signatures - 1, (long) (signatures * w * w)), rnd);
        break;
      case NORMAL:
      default:
        e = g.normalEntry(rnd);
    }
    // The generator spreads entries over an hour at random; here the index decides the time.
    Instant t = eventTime(i);
    e.put("timestamp", TS.format(t));
    e.put("receiveTimestamp", TS.format(t.plusMillis(50 + rnd.nextInt(400))));
    if (e.get("jsonPayload") instanceof ObjectNode && e.get("jsonPayload").has("timestamp")) {
      ((ObjectNode) e.get("jsonPayload")).put("timestamp", TS.format(t));
    }
    return e;
  }

  /** Entry {@code i} as one line of JSON, what a Log Router sink would write. */
  public String json(long i) {
    try {
      return MAPPER.writeValueAsString(entry(i));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ObjectNode always serializes", e);
    }
  }

  private Kind kind(SplittableRandom rnd) {
    if (rnd.nextDouble() >= errorRatio) {
      return Kind.NORMAL;
    }
    double v = rnd.nextDouble();
    if (v < HOT_SHARE) {
      return Kind.HOT;
    }
    if (signatures == 0 || v < HOT_SHARE + SEED_SHARE_WITH_TAIL) {
      return Kind.SEED;
    }
    return Kind.TAIL;
  }

  private static CloudRunHourGenerator.SeedCluster otherSeedCluster(SplittableRandom rnd) {
    int total = 0;
    for (CloudRunHourGenerator.SeedCluster c : OTHER_SEED_CLUSTERS) {
      total += c.perThousand;
    }
    int pick = rnd.nextInt(total);
    for (CloudRunHourGenerator.SeedCluster c : OTHER_SEED_CLUSTERS) {
      pick -= c.perThousand;
      if (pick < 0) {
        return c;
      }
    }
    throw new AssertionError("weights sum to total");
  }

  /**
   * One independent random stream per index. Seeding SplittableRandom with seed + i directly would
   * make neighbouring entries share most of their draws, so the index is mixed first.
   */
  private SplittableRandom random(long i) {
    long z = seed ^ (i * 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  private CloudRunHourGenerator generator(long i) {
    if (generators == null) {
      CloudRunHourGenerator[] g = new CloudRunHourGenerator[services.size()];
      for (int k = 0; k < g.length; k++) {
        g[k] = new CloudRunHourGenerator(services.get(k), start, seed);
      }
      generators = g;
    }
    return generators[(int) Math.floorMod(i, (long) generators.length)];
  }
}
