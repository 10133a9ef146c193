package dev.loggardener.issues;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The few tracker operations idempotent filing needs. */
public interface IssueTracker {

  /** An open issue whose body contains {@code marker}, if any. */
  Optional<OpenIssue> findOpenIssue(String marker) throws IOException;

  /** Bodies of an issue's comments, oldest first. */
  List<String> comments(long issueNumber) throws IOException;

  /** Opens an issue and returns its number. */
  long create(String title, String body, List<String> labels) throws IOException;

  void comment(long issueNumber, String body) throws IOException;

  /** An open issue: its number and body. */
  final class OpenIssue {
    public final long number;
    public final String body;

    public OpenIssue(long number, String body) {
      this.number = number;
      this.body = body;
    }
  }
}
