package dev.loggardener.cascade;

import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds clusters of one window, entry by entry, for cascade tests. */
final class Cascades {
  static final Instant HOUR = Instant.parse("2025-06-03T14:00:00Z");

  private final List<Builder> clusters = new ArrayList<>();

  Builder cluster(String service, String signatureId, String signature) {
    Builder b = new Builder(service, signatureId, signature);
    clusters.add(b);
    return b;
  }

  List<CascadeDetector.Candidate> candidates() {
    List<CascadeDetector.Candidate> out = new ArrayList<>();
    for (Builder b : clusters) {
      out.add(b.candidate());
    }
    return out;
  }

  static final class Builder {
    final String service;
    final String signatureId;
    final String signature;
    final CascadeEvidence evidence = new CascadeEvidence();
    String sample = "";
    Instant firstSeen;
    long count;

    Builder(String service, String signatureId, String signature) {
      this.service = service;
      this.signatureId = signatureId;
      this.signature = signature;
    }

    Builder sample(String s) {
      sample = s;
      return this;
    }

    /** One entry, {@code seconds} after the hour, on an instance, optionally with a trace. */
    Builder at(double seconds, String instance, String trace) {
      Instant t = HOUR.plusMillis(Math.round(seconds * 1000));
      evidence.add(instance, t, signatureId + "-" + count, trace);
      count++;
      if (firstSeen == null || t.isBefore(firstSeen)) {
        firstSeen = t;
      }
      return this;
    }

    Builder at(double seconds, String instance) {
      return at(seconds, instance, "");
    }

    CascadeDetector.Candidate candidate() {
      ClusterRow row =
          ClusterRow.builder()
              .windowStart(HOUR)
              .windowEnd(HOUR.plusSeconds(3600))
              .service(service)
              .signatureId(signatureId)
              .signature(signature)
              .sampleMessage(sample.isEmpty() ? signature : sample)
              .count(count)
              .firstSeen(firstSeen)
              .lastSeen(firstSeen)
              .build();
      return new CascadeDetector.Candidate(row, evidence);
    }
  }
}
