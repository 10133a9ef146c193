package dev.loggardener.cluster;

import dev.loggardener.priority.PriorityLevel;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One output row: the state of one cluster (service, signature) in one hourly window, as of one
 * pane. Its JSON form ({@code ClusterRowJson}) has exactly the columns of {@code
 * cluster_row.schema.json}, the schema shared by the local sink and BigQuery; the enums' {@code
 * value()} is what the columns hold. Text columns are never null (empty when unknown), lists are
 * immutable and never null, enums are {@code UNSET} when unknown.
 *
 * <p>Components that need a word: {@code rootCauseSignatureId} is the signature id of the cluster
 * this one is a symptom of, its own id when it is a root; {@code cascadeId} the chain of clusters
 * it belongs to in its window, empty when alone; {@code status} against the signature's history;
 * {@code trackingIssue} the URL of the tracker issue that follows this signature, when one is
 * known; {@code recentCounts} the counts of the last windows, oldest first, this window last, empty
 * without history; {@code cascadeParentSignatureId} the cluster this one follows directly in its
 * cascade, empty for a root; {@code cascadeEvidence} why it is linked to its parent. {@code
 * groupId} is the group of signatures this row stands for (see {@code dev.loggardener.grouping}),
 * empty in rows made before grouping existed and equal to {@code signatureId} for a group of one;
 * {@code groupTemplate} has {@code <*>} at the learned variable positions; {@code groupMemberIds}
 * the fine signature ids of the members, heaviest first, at most {@link #MAX_GROUP_MEMBER_IDS};
 * {@code groupValues} what lies behind each {@code <*>} of the group template, one line per
 * position ({@code shutdown ×12, draining ×3}; schema version 5). {@code runId} is the launch that
 * wrote the row (schema version 4): rows of one run replace each other, rows of different runs are
 * told apart ({@code clusters_latest}); {@code emitSeq} the emission number of this (window,
 * service, cluster) within its run, from 1, higher for every row that changed, 0 before it is
 * emitted (and in rows written before schema version 4). {@code supersededBy} is set only on a
 * tombstone (schema version 6, {@code docs/streaming.md}): a row with count 0 saying the cluster's
 * entries are now counted under that cluster id.
 */
@DefaultCoder(ClusterRowCoder.class)
public record ClusterRow(
    Instant windowStart,
    Instant windowEnd,
    String service,
    String resourceType,
    String signatureId,
    String signature,
    int sigVersion,
    long count,
    String severity,
    PriorityLevel priority,
    String priorityReason,
    Instant firstSeen,
    Instant lastSeen,
    String sampleMessage,
    String sampleInsertId,
    String sampleTrace,
    List<String> revisions,
    List<String> logNames,
    long instanceCount,
    long paneIndex,
    PaneTiming paneTiming,
    boolean isFinal,
    Instant emittedAt,
    String rootCauseSignatureId,
    String cascadeId,
    Status status,
    String trackingIssue,
    List<Long> recentCounts,
    String cascadeParentSignatureId,
    String cascadeEvidence,
    String groupId,
    String groupTemplate,
    List<String> groupMemberIds,
    List<String> groupValues,
    String runId,
    RunKind runKind,
    long emitSeq,
    String supersededBy)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Member ids a row lists; a group can have more members than that. */
  public static final int MAX_GROUP_MEMBER_IDS = 20;

  public ClusterRow {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    service = nz(service);
    resourceType = nz(resourceType);
    signatureId = nz(signatureId);
    signature = nz(signature);
    severity = nz(severity);
    priority = priority == null ? PriorityLevel.UNSET : priority;
    priorityReason = nz(priorityReason);
    sampleMessage = nz(sampleMessage);
    sampleInsertId = nz(sampleInsertId);
    sampleTrace = nz(sampleTrace);
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
    logNames = logNames == null ? List.of() : List.copyOf(logNames);
    paneTiming = paneTiming == null ? PaneTiming.UNSET : paneTiming;
    rootCauseSignatureId = nz(rootCauseSignatureId);
    cascadeId = nz(cascadeId);
    status = status == null ? Status.UNSET : status;
    trackingIssue = nz(trackingIssue);
    recentCounts = recentCounts == null ? List.of() : List.copyOf(recentCounts);
    cascadeParentSignatureId = nz(cascadeParentSignatureId);
    cascadeEvidence = nz(cascadeEvidence);
    groupId = nz(groupId);
    groupTemplate = nz(groupTemplate);
    groupMemberIds = groupMemberIds == null ? List.of() : List.copyOf(groupMemberIds);
    groupValues = groupValues == null ? List.of() : List.copyOf(groupValues);
    runId = nz(runId);
    runKind = runKind == null ? RunKind.UNSET : runKind;
    supersededBy = nz(supersededBy);
  }

  /** A tombstone: says its cluster's entries are now counted under {@link #supersededBy}. */
  public boolean isTombstone() {
    return !supersededBy.isEmpty();
  }

  /**
   * What downstream stages key a cluster by: the group id, or the signature id in a row without one
   * (rows made before grouping, or by a pipeline without the grouping stage). History, cascades,
   * reports and issues use it, so a cluster keeps its identity while the heaviest member of its
   * group (whose id is {@link #signatureId}) changes.
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
    b.groupValues = groupValues;
    b.runId = runId;
    b.runKind = runKind;
    b.emitSeq = emitSeq;
    b.supersededBy = supersededBy;
    return b;
  }

  // A few identifying fields: equal rows still hash alike, and hash-ordered collections of rows
  // keep the order they had before rows were records.
  @Override
  public int hashCode() {
    return Objects.hash(windowStart, service, signatureId, count, paneIndex);
  }

  @Override
  public String toString() {
    return "ClusterRow{"
        + windowStart
        + " "
        + service
        + " "
        + signatureId
        + " "
        + priority
        + " x"
        + count
        + " pane "
        + paneIndex
        + " "
        + paneTiming
        + " "
        + signature
        + "}";
  }

  /** Mutable builder; unset text is empty, unset lists are empty, unset enums UNSET. */
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
    private PriorityLevel priority;
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
    private PaneTiming paneTiming;
    private boolean isFinal;
    private Instant emittedAt;
    private String rootCauseSignatureId;
    private String cascadeId;
    private Status status;
    private String trackingIssue;
    private List<Long> recentCounts;
    private String cascadeParentSignatureId;
    private String cascadeEvidence;
    private String groupId;
    private String groupTemplate;
    private List<String> groupMemberIds;
    private List<String> groupValues;
    private String runId;
    private RunKind runKind;
    private long emitSeq;
    private String supersededBy;

    public Builder windowStart(Instant v) {
      windowStart = v;
      return this;
    }

    public Builder windowEnd(Instant v) {
      windowEnd = v;
      return this;
    }

    public Builder service(String v) {
      service = v;
      return this;
    }

    public Builder resourceType(String v) {
      resourceType = v;
      return this;
    }

    public Builder signatureId(String v) {
      signatureId = v;
      return this;
    }

    public Builder signature(String v) {
      signature = v;
      return this;
    }

    public Builder sigVersion(int v) {
      sigVersion = v;
      return this;
    }

    public Builder count(long v) {
      count = v;
      return this;
    }

    public Builder severity(String v) {
      severity = v;
      return this;
    }

    public Builder priority(PriorityLevel v) {
      priority = v;
      return this;
    }

    /** Parses a column value ({@link PriorityLevel#parse}). */
    public Builder priority(String v) {
      priority = PriorityLevel.parse(v);
      return this;
    }

    public Builder priorityReason(String v) {
      priorityReason = v;
      return this;
    }

    public Builder firstSeen(Instant v) {
      firstSeen = v;
      return this;
    }

    public Builder lastSeen(Instant v) {
      lastSeen = v;
      return this;
    }

    public Builder sampleMessage(String v) {
      sampleMessage = v;
      return this;
    }

    public Builder sampleInsertId(String v) {
      sampleInsertId = v;
      return this;
    }

    public Builder sampleTrace(String v) {
      sampleTrace = v;
      return this;
    }

    public Builder revisions(List<String> v) {
      revisions = v;
      return this;
    }

    public Builder logNames(List<String> v) {
      logNames = v;
      return this;
    }

    public Builder instanceCount(long v) {
      instanceCount = v;
      return this;
    }

    public Builder paneIndex(long v) {
      paneIndex = v;
      return this;
    }

    public Builder paneTiming(PaneTiming v) {
      paneTiming = v;
      return this;
    }

    /** Parses a column value ({@link PaneTiming#parse}). */
    public Builder paneTiming(String v) {
      paneTiming = PaneTiming.parse(v);
      return this;
    }

    public Builder isFinal(boolean v) {
      isFinal = v;
      return this;
    }

    public Builder emittedAt(Instant v) {
      emittedAt = v;
      return this;
    }

    public Builder rootCauseSignatureId(String v) {
      rootCauseSignatureId = v;
      return this;
    }

    public Builder cascadeId(String v) {
      cascadeId = v;
      return this;
    }

    public Builder status(Status v) {
      status = v;
      return this;
    }

    /** Parses a column value ({@link Status#parse}). */
    public Builder status(String v) {
      status = Status.parse(v);
      return this;
    }

    public Builder trackingIssue(String v) {
      trackingIssue = v;
      return this;
    }

    public Builder recentCounts(List<Long> v) {
      recentCounts = v;
      return this;
    }

    public Builder cascadeParentSignatureId(String v) {
      cascadeParentSignatureId = v;
      return this;
    }

    public Builder cascadeEvidence(String v) {
      cascadeEvidence = v;
      return this;
    }

    public Builder groupId(String v) {
      groupId = v;
      return this;
    }

    public Builder groupTemplate(String v) {
      groupTemplate = v;
      return this;
    }

    public Builder groupValues(List<String> v) {
      groupValues = v;
      return this;
    }

    public Builder groupMemberIds(List<String> v) {
      groupMemberIds = v;
      return this;
    }

    public Builder runId(String v) {
      runId = v;
      return this;
    }

    public Builder runKind(RunKind v) {
      runKind = v;
      return this;
    }

    /** Parses a column value ({@link RunKind#parse}). */
    public Builder runKind(String v) {
      runKind = RunKind.parse(v);
      return this;
    }

    public Builder emitSeq(long v) {
      emitSeq = v;
      return this;
    }

    public Builder supersededBy(String v) {
      supersededBy = v;
      return this;
    }

    public ClusterRow build() {
      return new ClusterRow(
          windowStart,
          windowEnd,
          service,
          resourceType,
          signatureId,
          signature,
          sigVersion,
          count,
          severity,
          priority,
          priorityReason,
          firstSeen,
          lastSeen,
          sampleMessage,
          sampleInsertId,
          sampleTrace,
          revisions,
          logNames,
          instanceCount,
          paneIndex,
          paneTiming,
          isFinal,
          emittedAt,
          rootCauseSignatureId,
          cascadeId,
          status,
          trackingIssue,
          recentCounts,
          cascadeParentSignatureId,
          cascadeEvidence,
          groupId,
          groupTemplate,
          groupMemberIds,
          groupValues,
          runId,
          runKind,
          emitSeq,
          supersededBy);
    }
  }
}
