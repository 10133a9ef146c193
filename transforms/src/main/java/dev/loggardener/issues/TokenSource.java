package dev.loggardener.issues;

import java.io.Serializable;

/**
 * Where a worker gets the tracker token: an environment variable by default, a secret store (Secret
 * Manager, in the pipeline module) on Dataflow, where workers do not see the launcher's
 * environment. Read on first use and again after the tracker rejects the token ({@link LazyToken});
 * it may throw, and the call is then retried later.
 */
public interface TokenSource extends Serializable {
  String token();

  /** The token from an environment variable; empty when unset. */
  static TokenSource environment(String variable) {
    return () -> {
      String v = System.getenv(variable);
      return v == null ? "" : v;
    };
  }
}
