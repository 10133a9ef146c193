package dev.loggardener.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One Cloud Logging LogEntry reduced to the facts Log Gardener uses. Built by {@code
 * LogEntryParser}; immutable. The message is already capped in length (see {@link
 * #messageTruncated()}) so that a megabyte payload never reaches signing or the outputs.
 */
@DefaultCoder(LogEntryCoder.class)
public final class LogEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Instant timestamp;
  private final Severity severity;
  private final String insertId;
  private final String logName;
  private final String logId;
  private final String resourceType;
  private final Map<String, String> resourceLabels;
  private final Map<String, String> labels;
  private final String service;
  private final String revision;
  private final String instanceId;
  private final String trace;
  private final String spanId;
  private final String httpMethod;
  private final String httpUrl;
  private final int httpStatus;
  private final String message;
  private final boolean messageTruncated;
  private final String messageField;

  private LogEntry(Builder b) {
    this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
    this.severity = b.severity == null ? Severity.DEFAULT : b.severity;
    this.insertId = nz(b.insertId);
    this.logName = nz(b.logName);
    this.logId = nz(b.logId);
    this.resourceType = nz(b.resourceType);
    this.resourceLabels =
        b.resourceLabels == null ? Collections.emptyMap() : Map.copyOf(b.resourceLabels);
    this.labels = b.labels == null ? Collections.emptyMap() : Map.copyOf(b.labels);
    this.service = nz(b.service);
    this.revision = nz(b.revision);
    this.instanceId = nz(b.instanceId);
    this.trace = nz(b.trace);
    this.spanId = nz(b.spanId);
    this.httpMethod = nz(b.httpMethod);
    this.httpUrl = nz(b.httpUrl);
    this.httpStatus = b.httpStatus;
    this.message = nz(b.message);
    this.messageTruncated = b.messageTruncated;
    this.messageField = nz(b.messageField);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Event time: when the logged event happened, with up to nanosecond precision. */
  public Instant timestamp() {
    return timestamp;
  }

  public Severity severity() {
    return severity;
  }

  public String insertId() {
    return insertId;
  }

  /** The full log name, {@code projects/P/logs/LOG_ID} with LOG_ID URL-encoded. */
  public String logName() {
    return logName;
  }

  /** The decoded log id, e.g. {@code run.googleapis.com/stderr}. */
  public String logId() {
    return logId;
  }

  public String resourceType() {
    return resourceType;
  }

  public Map<String, String> resourceLabels() {
    return resourceLabels;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** The service identity derived from the monitored resource (see {@code ServiceIdentity}). */
  public String service() {
    return service;
  }

  /** Revision or version of the emitting workload, empty when the resource has none. */
  public String revision() {
    return revision;
  }

  public String instanceId() {
    return instanceId;
  }

  public String trace() {
    return trace;
  }

  public String spanId() {
    return spanId;
  }

  public String httpMethod() {
    return httpMethod;
  }

  public String httpUrl() {
    return httpUrl;
  }

  /** HTTP status of a request log, 0 when the entry is not one. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The message text, possibly capped; empty for an empty payload. Not yet redacted. */
  public String message() {
    return message;
  }

  public boolean messageTruncated() {
    return messageTruncated;
  }

  /** Which field the message came from, e.g. {@code jsonPayload.message} or {@code textPayload}. */
  public String messageField() {
    return messageField;
  }

  /** The identity Cloud Logging uses for duplicates: log name, insertId and exact timestamp. */
  public String dedupKey() {
    return logName + '\u0000' + insertId + '\u0000' + timestamp;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LogEntry)) {
      return false;
    }
    LogEntry e = (LogEntry) o;
    return httpStatus == e.httpStatus
        && messageTruncated == e.messageTruncated
        && timestamp.equals(e.timestamp)
        && severity == e.severity
        && insertId.equals(e.insertId)
        && logName.equals(e.logName)
        && logId.equals(e.logId)
        && resourceType.equals(e.resourceType)
        && resourceLabels.equals(e.resourceLabels)
        && labels.equals(e.labels)
        && service.equals(e.service)
        && revision.equals(e.revision)
        && instanceId.equals(e.instanceId)
        && trace.equals(e.trace)
        && spanId.equals(e.spanId)
        && httpMethod.equals(e.httpMethod)
        && httpUrl.equals(e.httpUrl)
        && message.equals(e.message)
        && messageField.equals(e.messageField);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestamp, severity, insertId, logName, service, message);
  }

  @Override
  public String toString() {
    return "LogEntry{"
        + timestamp
        + " "
        + severity
        + " "
        + service
        + " "
        + insertId
        + " "
        + (message.length() > 80 ? message.substring(0, 80) + "…" : message)
        + "}";
  }

  /** Mutable builder; {@code timestamp} is required. */
  public static final class Builder {
    private Instant timestamp;
    private Severity severity;
    private String insertId;
    private String logName;
    private String logId;
    private String resourceType;
    private Map<String, String> resourceLabels;
    private Map<String, String> labels;
    private String service;
    private String revision;
    private String instanceId;
    private String trace;
    private String spanId;
    private String httpMethod;
    private String httpUrl;
    private int httpStatus;
    private String message;
    private boolean messageTruncated;
    private String messageField;

    public Builder timestamp(Instant v) {
      this.timestamp = v;
      return this;
    }

    public Builder severity(Severity v) {
      this.severity = v;
      return this;
    }

    public Builder insertId(String v) {
      this.insertId = v;
      return this;
    }

    public Builder logName(String v) {
      this.logName = v;
      return this;
    }

    public Builder logId(String v) {
      this.logId = v;
      return this;
    }

    public Builder resourceType(String v) {
      this.resourceType = v;
      return this;
    }

    public Builder resourceLabels(Map<String, String> v) {
      this.resourceLabels = v;
      return this;
    }

    public Builder labels(Map<String, String> v) {
      this.labels = v;
      return this;
    }

    public Builder service(String v) {
      this.service = v;
      return this;
    }

    public Builder revision(String v) {
      this.revision = v;
      return this;
    }

    public Builder instanceId(String v) {
      this.instanceId = v;
      return this;
    }

    public Builder trace(String v) {
      this.trace = v;
      return this;
    }

    public Builder spanId(String v) {
      this.spanId = v;
      return this;
    }

    public Builder httpMethod(String v) {
      this.httpMethod = v;
      return this;
    }

    public Builder httpUrl(String v) {
      this.httpUrl = v;
      return this;
    }

    public Builder httpStatus(int v) {
      this.httpStatus = v;
      return this;
    }

    public Builder message(String v) {
      this.message = v;
      return this;
    }

    public Builder messageTruncated(boolean v) {
      this.messageTruncated = v;
      return this;
    }

    public Builder messageField(String v) {
      this.messageField = v;
      return this;
    }

    public LogEntry build() {
      return new LogEntry(this);
    }
  }
}
