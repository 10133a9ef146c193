package dev.loggardener.issues;

import java.io.IOException;
import java.util.Optional;

/**
 * Files a draft idempotently: if an open issue already follows the signature (its hidden marker is
 * in the body), comment on it — unless this window was already reported there — otherwise create
 * it. Re-running the same input therefore files nothing new.
 */
public final class IssueFiler {
  /** What filing did. */
  public enum Outcome {
    CREATED,
    COMMENTED,
    ALREADY_REPORTED
  }

  private final IssueTracker tracker;

  public IssueFiler(IssueTracker tracker) {
    this.tracker = tracker;
  }

  public Outcome file(IssueDraft draft) throws IOException {
    Optional<IssueTracker.OpenIssue> existing = tracker.findOpenIssue(draft.signatureMarker);
    if (existing.isEmpty()) {
      tracker.create(draft.title, draft.body, draft.labels);
      return Outcome.CREATED;
    }
    IssueTracker.OpenIssue issue = existing.get();
    // The body was written for the window that created the issue: that window is reported.
    if (issue.body.contains(draft.windowMarker)) {
      return Outcome.ALREADY_REPORTED;
    }
    for (String c : tracker.comments(issue.number)) {
      if (c.contains(draft.windowMarker)) {
        return Outcome.ALREADY_REPORTED;
      }
    }
    tracker.comment(issue.number, draft.comment);
    return Outcome.COMMENTED;
  }
}
