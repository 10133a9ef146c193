package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The bounded accumulator of one cluster in one window: count, highest severity, first and last
 * seen, one representative sample, capped sets of revisions and log names, and a distinct-count
 * sketch of instances. Its size does not grow with the number of entries. Every field is a
 * commutative, associative merge (min, max, sum, bounded set union, earliest sample), so the result
 * is the same whatever order a runner adds and merges in.
 */
@DefaultCoder(ClusterStatsCoder.class)
public final class ClusterStats implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int MAX_REVISIONS = 20;
  public static final int MAX_LOG_NAMES = 10;
  public static final int MAX_NAME_LENGTH = 512;

  /** The sample is the earliest entry; ties broken by insertId so the choice is deterministic. */
  static final Comparator<SignedEntry> SAMPLE_ORDER =
      Comparator.<SignedEntry, Instant>comparing(e -> e.timestamp)
          .thenComparing(e -> e.insertId)
          .thenComparing(e -> e.sampleMessage);

  long count;
  Severity maxSeverity = Severity.DEFAULT;
  Instant firstSeen;
  Instant lastSeen;
  SignedEntry sample;
  final BoundedSortedSet revisions;
  final BoundedSortedSet logNames;
  final DistinctCountSketch instances;
  // Gardener: bounded, order-independent evidence for cascade detection (see
  // dev.loggardener.cascade).
  final CascadeEvidence evidence = new CascadeEvidence();

  public ClusterStats() {
    this(
        new BoundedSortedSet(MAX_REVISIONS, MAX_NAME_LENGTH),
        new BoundedSortedSet(MAX_LOG_NAMES, MAX_NAME_LENGTH),
        new DistinctCountSketch());
  }

  ClusterStats(BoundedSortedSet revisions, BoundedSortedSet logNames, DistinctCountSketch inst) {
    this.revisions = revisions;
    this.logNames = logNames;
    this.instances = inst;
  }

  public ClusterStats add(SignedEntry e) {
    count++;
    if (e.severity.number() > maxSeverity.number()) {
      maxSeverity = e.severity;
    }
    if (firstSeen == null || e.timestamp.isBefore(firstSeen)) {
      firstSeen = e.timestamp;
    }
    if (lastSeen == null || e.timestamp.isAfter(lastSeen)) {
      lastSeen = e.timestamp;
    }
    if (sample == null || SAMPLE_ORDER.compare(e, sample) < 0) {
      sample = e;
    }
    revisions.add(e.revision);
    logNames.add(e.logName);
    if (e.hasInstance) {
      // The sketch's hash of an id is StableHash.of(id), which the entry already holds.
      instances.addHash(e.instanceHash);
    }
    evidence.add(e.hasInstance, e.instanceHash, e.timestamp, e.insertId, e.trace);
    return this;
  }

  public ClusterStats merge(ClusterStats o) {
    if (o.count == 0) {
      return this;
    }
    count += o.count;
    if (o.maxSeverity.number() > maxSeverity.number()) {
      maxSeverity = o.maxSeverity;
    }
    if (firstSeen == null || (o.firstSeen != null && o.firstSeen.isBefore(firstSeen))) {
      firstSeen = o.firstSeen;
    }
    if (lastSeen == null || (o.lastSeen != null && o.lastSeen.isAfter(lastSeen))) {
      lastSeen = o.lastSeen;
    }
    if (o.sample != null && (sample == null || SAMPLE_ORDER.compare(o.sample, sample) < 0)) {
      sample = o.sample;
    }
    revisions.merge(o.revisions);
    logNames.merge(o.logNames);
    instances.merge(o.instances);
    evidence.merge(o.evidence);
    return this;
  }

  public long count() {
    return count;
  }

  public Severity maxSeverity() {
    return maxSeverity;
  }

  public Instant firstSeen() {
    return firstSeen;
  }

  public Instant lastSeen() {
    return lastSeen;
  }

  /** The representative entry (earliest), or null for an empty accumulator. */
  public SignedEntry sample() {
    return sample;
  }

  public List<String> revisions() {
    return revisions.toList();
  }

  public List<String> logNames() {
    return logNames.toList();
  }

  public long instanceCount() {
    return instances.estimate();
  }

  /** Sampled (instance, time) events and traces, for linking clusters into cascades. */
  public CascadeEvidence cascadeEvidence() {
    return evidence;
  }
}
