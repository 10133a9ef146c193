package dev.loggardener.issues;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A tracker issue ready to file: title, markdown body (already escaped and redacted), labels, and
 * the markers that make filing idempotent — one for the signature (which issue follows it) and one
 * for the window (whether this window was already reported).
 */
public final class IssueDraft implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String title;
  public final String body;
  public final List<String> labels;
  public final String signatureMarker;
  public final String windowMarker;

  /** A short markdown update for an issue that already follows the signature. */
  public final String comment;

  /** Relative path of the draft file under {@code issues/}. */
  public final String path;

  public IssueDraft(
      String title,
      String body,
      List<String> labels,
      String signatureMarker,
      String windowMarker,
      String comment,
      String path) {
    this.title = title;
    this.body = body;
    this.labels = List.copyOf(labels);
    this.signatureMarker = signatureMarker;
    this.windowMarker = windowMarker;
    this.comment = comment;
    this.path = path;
  }

  // A value: Beam's SerializableCoder compares decoded drafts by equals, and warns at every
  // pipeline construction when a class does not define it.
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IssueDraft)) {
      return false;
    }
    IssueDraft d = (IssueDraft) o;
    return Objects.equals(title, d.title)
        && Objects.equals(body, d.body)
        && labels.equals(d.labels)
        && Objects.equals(signatureMarker, d.signatureMarker)
        && Objects.equals(windowMarker, d.windowMarker)
        && Objects.equals(comment, d.comment)
        && Objects.equals(path, d.path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, body, labels, signatureMarker, windowMarker, comment, path);
  }
}
