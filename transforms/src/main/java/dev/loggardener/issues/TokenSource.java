package dev.loggardener.issues;

import java.io.Serializable;

/**
 * Where a worker gets the tracker token when it starts: an environment variable by default, a
 * secret store (Secret Manager, in the pipeline module) on Dataflow, where workers do not see the
 * launcher's environment.
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
