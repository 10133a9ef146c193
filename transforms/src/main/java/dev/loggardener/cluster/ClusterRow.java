package dev.loggardener.cluster;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One output row: the state of one cluster (service, signature) in one hourly window, as of one
 * pane. Its JSON form ({@code ClusterRowJson}) has exactly the columns of {@code
 * cluster_row.schema.json}, the schema shared by the local sink and BigQuery.
 */
@DefaultCoder(ClusterRowCoder.class)
public final class ClusterRow implements Serializable {
  private static final long serialVersionUID = 1L;

  public final Instant windowStart;
  public final Instant windowEnd;
  public final String service;
  public final String resourceType;
  public final String signatureId;
  public final String signature;
  public final int sigVersion;
  public final long count;
  public final String severity;
  public final String priority;
  public final String priorityReason;
  public final Instant firstSeen;
  public final Instant lastSeen;
  public final String sampleMessage;
  public final String sampleInsertId;
  public final String sampleTrace;
  public final List<String> revisions;
  public final List<String> logNames;
  public final long instanceCount;
  public final long paneIndex;
  public final String paneTiming;
  public final boolean isFinal;
  public final Instant emittedAt;
  /** Signature id of the cluster this one is a symptom of; its own id when it is a root. */
  public final String rootCauseSignatureId;
  /** Identifies the chain of clusters this one belongs to in its window; empty when alone. */
  public final String cascadeId;
  /** NEW, ONGOING, SPIKE or REGRESSION against the signature's history; empty when unknown. */
  public final String status;
  /** URL of the tracker issue that follows this signature, when one is known. */
  public final String trackingIssue;
  /** Counts of this signature in the last windows, oldest first, this window last; empty without history. */
  public final List<Long> recentCounts;
  /** Signature id of the cluster this one follows directly in its cascade; empty for a root. */
  public final String cascadeParentSignatureId;
  /** Why this cluster is linked to its parent (co-occurrences, lag, shared token or traces). */
  public final String cascadeEvidence;
  /**
   * Id of the group of signatures this row stands for (see {@code dev.loggardener.grouping});
   * empty in rows made before grouping existed. Equal to {@link #signatureId} for a group of one.
   */
  public final String groupId;
  /** The group's template: {@code <*>} at the learned variable positions; the signature alone. */
  public final String groupTemplate;
  /** Fine signature ids of the group's members, the heaviest first, at most {@link #MAX_GROUP_MEMBER_IDS}. */
  public final List<String> groupMemberIds;

  /**
   * The launch that wrote the row (schema version 4): rows of one run replace each other, rows
   * of different runs are told apart ({@code clusters_latest}). Empty before.
   */
  public final String runId;
  /** {@code STREAM} or {@code BATCH}: how that run counted (see {@code clusters_latest}). */
  public final String runKind;
  /**
   * Emission number of this (window, service, cluster) within its run, from 1, higher for every
   * row that changed; 0 before it is emitted (and in rows written before schema version 4).
   */
  public final long emitSeq;

  /** Member ids a row lists; a group can have more members than that. */
  public static final int MAX_GROUP_MEMBER_IDS = 20;

  private ClusterRow(Builder b) {
    windowStart = Objects.requireNonNull(b.windowStart);
    windowEnd = Objects.requireNonNull(b.windowEnd);
    service = nz(b.service);
    resourceType = nz(b.resourceType);
    signatureId = nz(b.signatureId);
    signature = nz(b.signature);
    sigVersion = b.sigVersion;
    count = b.count;
    severity = nz(b.severity);
    priority = nz(b.priority);
    priorityReason = nz(b.priorityReason);
    firstSeen = b.firstSeen;
    lastSeen = b.lastSeen;
    sampleMessage = nz(b.sampleMessage);
    sampleInsertId = nz(b.sampleInsertId);
    sampleTrace = nz(b.sampleTrace);
    revisions = b.revisions == null ? List.of() : List.copyOf(b.revisions);
    logNames = b.logNames == null ? List.of() : List.copyOf(b.logNames);
    instanceCount = b.instanceCount;
    paneIndex = b.paneIndex;
    paneTiming = nz(b.paneTiming);
    isFinal = b.isFinal;
    emittedAt = b.emittedAt;
    rootCauseSignatureId = nz(b.rootCauseSignatureId);
    cascadeId = nz(b.cascadeId);
    status = nz(b.status);
    trackingIssue = nz(b.trackingIssue);
    recentCounts = b.recentCounts == null ? List.of() : List.copyOf(b.recentCounts);
    cascadeParentSignatureId = nz(b.cascadeParentSignatureId);
    cascadeEvidence = nz(b.cascadeEvidence);
    groupId = nz(b.groupId);
    groupTemplate = nz(b.groupTemplate);
    groupMemberIds = b.groupMemberIds == null ? List.of() : List.copyOf(b.groupMemberIds);
    runId = nz(b.runId);
    runKind = nz(b.runKind);
    emitSeq = b.emitSeq;
  }

  /**
   * What downstream stages key a cluster by: the group id, or the signature id in a row without
   * one (rows made before grouping, or by a pipeline without the grouping stage). History,
   * cascades, reports and issues use it, so a cluster keeps its identity while the heaviest
   * member of its group (whose id is {@link #signatureId}) changes.
   */
  public String clusterId() {
    return groupId.isEmpty() ? signatureId : groupId;
  }

  /** The template the cluster stands for: the group's, or the signature's when ungrouped. */
  public String clusterTemplate() {
    return groupTemplate.isEmpty() ? signature : groupTemplate;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.windowStart = windowStart;
    b.windowEnd = windowEnd;
    b.service = service;
    b.resourceType = resourceType;
    b.signatureId = signatureId;
    b.signature = signature;
    b.sigVersion = sigVersion;
    b.count = count;
    b.severity = severity;
    b.priority = priority;
    b.priorityReason = priorityReason;
    b.firstSeen = firstSeen;
    b.lastSeen = lastSeen;
    b.sampleMessage = sampleMessage;
    b.sampleInsertId = sampleInsertId;
    b.sampleTrace = sampleTrace;
    b.revisions = revisions;
    b.logNames = logNames;
    b.instanceCount = instanceCount;
    b.paneIndex = paneIndex;
    b.paneTiming = paneTiming;
    b.isFinal = isFinal;
    b.emittedAt = emittedAt;
    b.rootCauseSignatureId = rootCauseSignatureId;
    b.cascadeId = cascadeId;
    b.status = status;
    b.trackingIssue = trackingIssue;
    b.recentCounts = recentCounts;
    b.cascadeParentSignatureId = cascadeParentSignatureId;
    b.cascadeEvidence = cascadeEvidence;
    b.groupId = groupId;
    b.groupTemplate = groupTemplate;
    b.groupMemberIds = groupMemberIds;
    b.runId = runId;
    b.runKind = runKind;
    b.emitSeq = emitSeq;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ClusterRow)) {
      return false;
    }
    ClusterRow r = (ClusterRow) o;
    return sigVersion == r.sigVersion
        && count == r.count
        && instanceCount == r.instanceCount
        && paneIndex == r.paneIndex
        && isFinal == r.isFinal
        && windowStart.equals(r.windowStart)
        && windowEnd.equals(r.windowEnd)
        && service.equals(r.service)
        && resourceType.equals(r.resourceType)
        && signatureId.equals(r.signatureId)
        && signature.equals(r.signature)
        && severity.equals(r.severity)
        && priority.equals(r.priority)
        && priorityReason.equals(r.priorityReason)
        && Objects.equals(firstSeen, r.firstSeen)
        && Objects.equals(lastSeen, r.lastSeen)
        && sampleMessage.equals(r.sampleMessage)
        && sampleInsertId.equals(r.sampleInsertId)
        && sampleTrace.equals(r.sampleTrace)
        && revisions.equals(r.revisions)
        && logNames.equals(r.logNames)
        && paneTiming.equals(r.paneTiming)
        && Objects.equals(emittedAt, r.emittedAt)
        && rootCauseSignatureId.equals(r.rootCauseSignatureId)
        && cascadeId.equals(r.cascadeId)
        && status.equals(r.status)
        && trackingIssue.equals(r.trackingIssue)
        && recentCounts.equals(r.recentCounts)
        && cascadeParentSignatureId.equals(r.cascadeParentSignatureId)
        && cascadeEvidence.equals(r.cascadeEvidence)
        && groupId.equals(r.groupId)
        && groupTemplate.equals(r.groupTemplate)
        && groupMemberIds.equals(r.groupMemberIds)
        && runId.equals(r.runId)
        && runKind.equals(r.runKind)
        && emitSeq == r.emitSeq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, service, signatureId, count, paneIndex);
  }

  @Override
  public String toString() {
    return "ClusterRow{" + windowStart + " " + service + " " + signatureId + " " + priority + " x"
        + count + " pane " + paneIndex + " " + paneTiming + " " + signature + "}";
  }

  /** Mutable builder. */
  public static final class Builder {
    private Instant windowStart;
    private Instant windowEnd;
    private String service;
    private String resourceType;
    private String signatureId;
    private String signature;
    private int sigVersion;
    private long count;
    private String severity;
    private String priority;
    private String priorityReason;
    private Instant firstSeen;
    private Instant lastSeen;
    private String sampleMessage;
    private String sampleInsertId;
    private String sampleTrace;
    private List<String> revisions;
    private List<String> logNames;
    private long instanceCount;
    private long paneIndex;
    private String paneTiming;
    private boolean isFinal;
    private Instant emittedAt;
    private String rootCauseSignatureId;
    private String cascadeId;
    private String status;
    private String trackingIssue;
    private List<Long> recentCounts;
    private String cascadeParentSignatureId;
    private String cascadeEvidence;
    private String groupId;
    private String groupTemplate;
    private List<String> groupMemberIds;
    private String runId;
    private String runKind;
    private long emitSeq;

    public Builder windowStart(Instant v) { windowStart = v; return this; }
    public Builder windowEnd(Instant v) { windowEnd = v; return this; }
    public Builder service(String v) { service = v; return this; }
    public Builder resourceType(String v) { resourceType = v; return this; }
    public Builder signatureId(String v) { signatureId = v; return this; }
    public Builder signature(String v) { signature = v; return this; }
    public Builder sigVersion(int v) { sigVersion = v; return this; }
    public Builder count(long v) { count = v; return this; }
    public Builder severity(String v) { severity = v; return this; }
    public Builder priority(String v) { priority = v; return this; }
    public Builder priorityReason(String v) { priorityReason = v; return this; }
    public Builder firstSeen(Instant v) { firstSeen = v; return this; }
    public Builder lastSeen(Instant v) { lastSeen = v; return this; }
    public Builder sampleMessage(String v) { sampleMessage = v; return this; }
    public Builder sampleInsertId(String v) { sampleInsertId = v; return this; }
    public Builder sampleTrace(String v) { sampleTrace = v; return this; }
    public Builder revisions(List<String> v) { revisions = v; return this; }
    public Builder logNames(List<String> v) { logNames = v; return this; }
    public Builder instanceCount(long v) { instanceCount = v; return this; }
    public Builder paneIndex(long v) { paneIndex = v; return this; }
    public Builder paneTiming(String v) { paneTiming = v; return this; }
    public Builder isFinal(boolean v) { isFinal = v; return this; }
    public Builder emittedAt(Instant v) { emittedAt = v; return this; }
    public Builder rootCauseSignatureId(String v) { rootCauseSignatureId = v; return this; }
    public Builder cascadeId(String v) { cascadeId = v; return this; }
    public Builder status(String v) { status = v; return this; }
    public Builder trackingIssue(String v) { trackingIssue = v; return this; }
    public Builder recentCounts(List<Long> v) { recentCounts = v; return this; }
    public Builder cascadeParentSignatureId(String v) { cascadeParentSignatureId = v; return this; }
    public Builder cascadeEvidence(String v) { cascadeEvidence = v; return this; }
    public Builder groupId(String v) { groupId = v; return this; }
    public Builder groupTemplate(String v) { groupTemplate = v; return this; }
    public Builder groupMemberIds(List<String> v) { groupMemberIds = v; return this; }
    public Builder runId(String v) { runId = v; return this; }
    public Builder runKind(String v) { runKind = v; return this; }
    public Builder emitSeq(long v) { emitSeq = v; return this; }

    public ClusterRow build() {
      return new ClusterRow(this);
    }
  }
}
