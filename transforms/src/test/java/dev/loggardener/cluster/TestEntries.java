package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntry;
import java.time.Instant;

/** Small factory of signed entries for tests. */
public final class TestEntries {
  private TestEntries() {}

  public static SignedEntry entry(
      String signatureId,
      Severity severity,
      String timestamp,
      String insertId,
      String revision,
      String instanceId) {
    return new SignedEntry(
        "orders-api",
        "cloud_run_revision",
        signatureId,
        "Container called exit(<*>).",
        1,
        severity,
        Instant.parse(timestamp),
        "Container called exit(3). " + insertId,
        insertId,
        "projects/p/traces/" + insertId,
        revision,
        "projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem",
        instanceId);
  }
}
