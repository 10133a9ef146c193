package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A kept log entry after signing and redaction: only the facts a cluster aggregates, so that what
 * crosses a shuffle is small and already safe to write out. Built by {@code SignEntries}.
 */
@DefaultCoder(SignedEntryCoder.class)
public final class SignedEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String service;
  public final String resourceType;
  public final String signatureId;
  public final String signature;
  public final int sigVersion;
  public final Severity severity;
  public final Instant timestamp;
  /** Redacted and capped message of this entry, a candidate for the cluster's sample. */
  public final String sampleMessage;
  public final String insertId;
  public final String trace;
  public final String revision;
  public final String logName;
  public final String instanceId;

  public SignedEntry(
      String service,
      String resourceType,
      String signatureId,
      String signature,
      int sigVersion,
      Severity severity,
      Instant timestamp,
      String sampleMessage,
      String insertId,
      String trace,
      String revision,
      String logName,
      String instanceId) {
    this.service = nz(service);
    this.resourceType = nz(resourceType);
    this.signatureId = nz(signatureId);
    this.signature = nz(signature);
    this.sigVersion = sigVersion;
    this.severity = severity == null ? Severity.DEFAULT : severity;
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.sampleMessage = nz(sampleMessage);
    this.insertId = nz(insertId);
    this.trace = nz(trace);
    this.revision = nz(revision);
    this.logName = nz(logName);
    this.instanceId = nz(instanceId);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The cluster this entry belongs to: clusters are keyed by (service, signature id). */
  public String clusterKey() {
    return clusterKey(service, signatureId);
  }

  public static String clusterKey(String service, String signatureId) {
    return service + '\u0000' + signatureId;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SignedEntry)) {
      return false;
    }
    SignedEntry e = (SignedEntry) o;
    return sigVersion == e.sigVersion
        && service.equals(e.service)
        && resourceType.equals(e.resourceType)
        && signatureId.equals(e.signatureId)
        && signature.equals(e.signature)
        && severity == e.severity
        && timestamp.equals(e.timestamp)
        && sampleMessage.equals(e.sampleMessage)
        && insertId.equals(e.insertId)
        && trace.equals(e.trace)
        && revision.equals(e.revision)
        && logName.equals(e.logName)
        && instanceId.equals(e.instanceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, signatureId, timestamp, insertId);
  }

  @Override
  public String toString() {
    return "SignedEntry{" + service + " " + signatureId + " " + severity + " " + timestamp + " "
        + insertId + "}";
  }
}
