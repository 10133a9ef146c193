package dev.loggardener.signature;

import dev.loggardener.model.Severity;
import dev.loggardener.model.StableHash;
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

  /**
   * The emitting instance as its 64-bit {@link StableHash}, valid when {@link #hasInstance}. A
   * cluster only counts distinct instances and samples (instance, time) events by this hash, and no
   * output names an instance, so the id itself (128 hex digits on Cloud Run, the largest field of
   * an entry) does not cross the shuffles.
   */
  public final long instanceHash;

  public final boolean hasInstance;

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
    this(
        service,
        resourceType,
        signatureId,
        signature,
        sigVersion,
        severity,
        timestamp,
        sampleMessage,
        insertId,
        trace,
        revision,
        logName,
        !nz(instanceId).isEmpty(),
        nz(instanceId).isEmpty() ? 0L : StableHash.of(instanceId));
  }

  /**
   * An entry whose instance is already hashed (a decoder); {@code instanceHash} is 0 without one.
   */
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
      boolean hasInstance,
      long instanceHash) {
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
    this.hasInstance = hasInstance;
    this.instanceHash = hasInstance ? instanceHash : 0L;
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
        && hasInstance == e.hasInstance
        && instanceHash == e.instanceHash;
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, signatureId, timestamp, insertId);
  }

  @Override
  public String toString() {
    return "SignedEntry{"
        + service
        + " "
        + signatureId
        + " "
        + severity
        + " "
        + timestamp
        + " "
        + insertId
        + "}";
  }
}
