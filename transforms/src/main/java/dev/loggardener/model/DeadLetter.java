package dev.loggardener.model;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record the pipeline could not use, kept with enough context to find and replay it: where it
 * came from, the stage that rejected it, a stable reason code, the error class, a human detail and
 * the (redacted, capped) raw text. Nothing that enters the pipeline disappears silently.
 */
@DefaultCoder(DeadLetterCoder.class)
public final class DeadLetter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Raw text kept per dead letter; the original length is recorded in {@link #rawLength}. */
  public static final int MAX_RAW_CHARS = 16_384;

  public final String source;
  public final long ordinal;
  public final String stage;
  public final String reason;
  public final String errorClass;
  public final String detail;
  public final String raw;
  public final long rawLength;
  public final boolean rawTruncated;

  /** Transport message id (Pub/Sub {@code messageId}); empty for files and later stages. */
  public final String messageId;

  /** Transport attributes (Pub/Sub message attributes), sorted by key; empty when none. */
  public final Map<String, String> attributes;

  public DeadLetter(
      String source,
      long ordinal,
      String stage,
      String reason,
      String errorClass,
      String detail,
      String raw,
      long rawLength,
      boolean rawTruncated) {
    this(
        source,
        ordinal,
        stage,
        reason,
        errorClass,
        detail,
        raw,
        rawLength,
        rawTruncated,
        "",
        Collections.emptyMap());
  }

  public DeadLetter(
      String source,
      long ordinal,
      String stage,
      String reason,
      String errorClass,
      String detail,
      String raw,
      long rawLength,
      boolean rawTruncated,
      String messageId,
      Map<String, String> attributes) {
    this.messageId = nz(messageId);
    this.attributes =
        attributes == null || attributes.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new TreeMap<>(attributes));
    this.source = nz(source);
    this.ordinal = ordinal;
    this.stage = nz(stage);
    this.reason = nz(reason);
    this.errorClass = nz(errorClass);
    this.detail = nz(detail);
    this.raw = nz(raw);
    this.rawLength = rawLength;
    this.rawTruncated = rawTruncated;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter d = (DeadLetter) o;
    return ordinal == d.ordinal
        && rawLength == d.rawLength
        && rawTruncated == d.rawTruncated
        && source.equals(d.source)
        && stage.equals(d.stage)
        && reason.equals(d.reason)
        && errorClass.equals(d.errorClass)
        && detail.equals(d.detail)
        && raw.equals(d.raw)
        && messageId.equals(d.messageId)
        && attributes.equals(d.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, ordinal, stage, reason);
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + source
        + "#"
        + ordinal
        + " "
        + stage
        + "/"
        + reason
        + ": "
        + detail
        + "}";
  }
}
