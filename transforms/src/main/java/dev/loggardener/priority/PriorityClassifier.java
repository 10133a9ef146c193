package dev.loggardener.priority;

import dev.loggardener.model.Severity;
import java.io.Serializable;

/**
 * Assigns P0–P3 to a cluster with a {@link PriorityPolicy}; by default the bundled policy, which
 * encodes priority v1 described here, from the cluster's highest severity, its signature and one
 * sample message. The rules look for the failures that took services down in the worklogs we
 * imitate (missing modules, exit loops, OOM, failed startup probes) because those arrive at any
 * severity — Cloud Run logs {@code Container called exit(3).} as WARNING — and a severity-only rule
 * would file the outage's root cause under P3. Signals are searched in the signature first, then in
 * the sample; matching is case-insensitive and word-bounded so that e.g. "Data import finished" is
 * not an {@code ImportError}. Pure and stateless, hence thread-safe and cheap to serialize.
 *
 * <p>Rules, first match wins:
 *
 * <pre>
 * | Level | Rule                    | Severity                  | Signals (case-insensitive, in signature or sample)                  |
 * |-------|-------------------------|---------------------------|---------------------------------------------------------------------|
 * | P0    | Severity                | CRITICAL, ALERT, EMERGENCY| any cluster                                                         |
 * | P0    | Missing module or class | any                       | ModuleNotFoundError, No module named, ImportError,                  |
 * |       |                         |                           | ClassNotFoundException, NoClassDefFoundError, Cannot find module    |
 * | P0    | Container exit          | any                       | Container called exit(N), N != 0 (a masked N in the signature       |
 * |       |                         |                           | counts only when the sample shows a non-zero code)                  |
 * | P0    | Out of memory           | any                       | OutOfMemoryError, Memory limit of … exceeded, MemoryError,          |
 * |       |                         |                           | out of memory, OOMKilled                                            |
 * | P0    | Startup failure         | any                       | failed to start, startup probe failed, Default STARTUP TCP probe    |
 * |       |                         |                           | failed, CrashLoopBackOff, Worker failed to boot                     |
 * | P1    | Crash                   | ERROR, or DEFAULT         | Traceback (most recent call last), Unhandled…, Uncaught…,           |
 * |       |                         |                           | Exception in thread, panic:, fatal error:, segmentation fault,      |
 * |       |                         |                           | SIGSEGV, worker … exited, Worker exiting, WORKER TIMEOUT            |
 * | P2    | Other error             | ERROR, or DEFAULT         | none of the above (DEFAULT entries reach a cluster only when they   |
 * |       |                         |                           | look like errors)                                                   |
 * | P3    | Warning or below        | WARNING, NOTICE and below | anything; crash text below ERROR does not raise the level           |
 * </pre>
 *
 * <p>The reason names the rule and quotes the text that triggered it, for example {@code P0:
 * startup failure signal "No module named" in an ERROR cluster}.
 */
public final class PriorityClassifier implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PriorityPolicy policy;

  /** The bundled default policy ({@code templates/priority-policy.yaml}). */
  public PriorityClassifier() {
    this(PriorityPolicy.bundled());
  }

  public PriorityClassifier(PriorityPolicy policy) {
    this.policy = policy;
  }

  public PriorityPolicy policy() {
    return policy;
  }

  /**
   * Classifies one cluster by its text alone. Any argument may be null: a null severity is treated
   * as DEFAULT (Cloud Logging's "no severity"), null text as empty.
   */
  public Priority classify(Severity maxSeverity, String signature, String sampleMessage) {
    return policy.classify(ClusterFacts.ofText(maxSeverity, signature, sampleMessage));
  }

  /** Classifies one cluster with every fact a policy rule may use. */
  public Priority classify(ClusterFacts facts) {
    return policy.classify(facts);
  }

  @Override
  public String toString() {
    return "PriorityClassifier(" + policy.source() + ")";
  }
}
