package dev.loggardener.history;

import java.io.Serializable;
import java.util.Locale;

/**
 * One line of the known-issues registry: a signature, the tracker issue that follows it, its status
 * there and, when resolved, the revision the fix shipped in. An empty service applies the line to
 * the signature in every service.
 */
public final class KnownIssue implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String signatureId;
  public final String service;
  public final String trackerUrl;
  public final String status;
  public final String resolvedRevision;

  public KnownIssue(
      String signatureId,
      String service,
      String trackerUrl,
      String status,
      String resolvedRevision) {
    this.signatureId = nz(signatureId);
    this.service = nz(service);
    this.trackerUrl = nz(trackerUrl);
    this.status = nz(status).toLowerCase(Locale.ROOT);
    this.resolvedRevision = nz(resolvedRevision);
  }

  /** Resolved, fixed and closed all mean "this should not happen any more". */
  public boolean isResolved() {
    return status.equals("resolved") || status.equals("fixed") || status.equals("closed");
  }

  private static String nz(String s) {
    return s == null ? "" : s.trim();
  }

  @Override
  public String toString() {
    return signatureId + " " + status + " " + resolvedRevision + " " + trackerUrl;
  }
}
