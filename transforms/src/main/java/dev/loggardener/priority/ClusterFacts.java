package dev.loggardener.priority;

import dev.loggardener.model.Severity;

/**
 * What a priority rule may look at: the cluster's highest severity, signature, sample message,
 * service, count in the window and status against history (empty where no history is kept).
 */
public final class ClusterFacts {
  final Severity severity;
  final String signature;
  final String sample;
  final String service;
  final long count;
  final String status;

  private ClusterFacts(
      Severity severity,
      String signature,
      String sample,
      String service,
      long count,
      String status) {
    this.severity = severity == null ? Severity.DEFAULT : severity;
    this.signature = signature == null ? "" : signature;
    this.sample = sample == null ? "" : sample;
    this.service = service == null ? "" : service;
    this.count = count;
    this.status = status == null ? "" : status;
  }

  public static ClusterFacts of(
      Severity severity,
      String signature,
      String sample,
      String service,
      long count,
      String status) {
    return new ClusterFacts(severity, signature, sample, service, count, status);
  }

  /** Facts of a cluster known only by its text, as in priority v1. */
  public static ClusterFacts ofText(Severity severity, String signature, String sample) {
    return new ClusterFacts(severity, signature, sample, "", 0, "");
  }
}
