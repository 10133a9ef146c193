package dev.loggardener.beam;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Names of the pipeline's Beam counters, in one place so the run summary, the tests and the
 * documentation agree. The invariant they keep: {@code entries_read = entries_kept +
 * entries_filtered + entries_filtered_by_rule + entries_duplicate + entries_merged_into_traces +
 * dead_lettered}; the final-pane counts sum to {@code entries_kept} minus entries the runner
 * dropped as too late.
 */
public final class GardenerCounters {
  public static final String NAMESPACE = "log_gardener";

  public static final String ENTRIES_READ = "entries_read";
  public static final String ENTRIES_PARSED = "entries_parsed";
  public static final String ENTRIES_FILTERED = "entries_filtered";
  public static final String ENTRIES_PASSED_FILTER = "entries_passed_filter";
  public static final String ENTRIES_KEPT_STDERR = "entries_kept_as_stderr_errors";
  public static final String ENTRIES_DUPLICATE = "entries_duplicate";
  public static final String ENTRIES_KEPT = "entries_kept";
  public static final String DEAD_LETTERED = "dead_lettered";
  public static final String DEAD_LETTERED_PREFIX = "dead_lettered_";
  public static final String MESSAGES_TRUNCATED = "messages_truncated";
  public static final String TIMESTAMPS_CLAMPED = "timestamps_clamped";

  // Split-trace reassembly and user rules.
  /** Lines folded into an earlier line's entry when a split stack trace was reassembled. */
  public static final String ENTRIES_MERGED_INTO_TRACES = "entries_merged_into_traces";

  /** Merged entries built from two or more lines. */
  public static final String TRACES_REASSEMBLED = "traces_reassembled";

  /** Times a (service, log, instance) buffer reached its line or character cap and was flushed. */
  public static final String TRACE_BUFFERS_FLUSHED_AT_CAP = "trace_buffers_flushed_at_cap";

  /** Entries that passed the severity filter but matched an ignore rule of --signatureRules. */
  public static final String ENTRIES_FILTERED_BY_RULE = "entries_filtered_by_rule";

  /** Entries whose signature a custom fingerprint rule forced. */
  public static final String ENTRIES_FINGERPRINTED_BY_RULE = "entries_fingerprinted_by_rule";

  /**
   * Cluster rows the pipeline emitted to its sinks (after grouping, only rows that changed),
   * tombstones included.
   */
  public static final String CLUSTER_ROWS = "cluster_rows";

  /**
   * Of the {@link #CLUSTER_ROWS}, the tombstones: rows saying a cluster's entries are now counted
   * under another (a group learned after its early rows left).
   */
  public static final String CLUSTER_ROWS_SUPERSEDED = "cluster_rows_superseded";

  /** Rows per signature and pane made by aggregation, before grouping folds them. */
  public static final String SIGNATURE_ROWS = "signature_rows";

  // Signature groups.
  /** Group templates ("patterns") learned, over all services; a pattern is learned once. */
  public static final String SIGNATURE_GROUPS_LEARNED = "signature_groups_learned";

  /** Fine clusters rolled into a group row of two or more, counted once per row emitted. */
  public static final String SIGNATURES_GROUPED = "signatures_grouped";

  // Post-aggregation state.
  /**
   * A distribution: rows a post-aggregation step read from its state in one firing (the latest row
   * of each cluster of the window it works on). Flat over a run: it depends on a window's clusters,
   * not on how many times the window fired before.
   */
  public static final String POST_AGGREGATION_ROWS_READ_PER_FIRING =
      "post_aggregation_rows_read_per_firing";

  public static final String REPORTS = "reports";

  /** Clusters counted in a report but not listed in it (over --reportMaxClusters), per pane. */
  public static final String REPORT_CLUSTERS_LEFT_OUT = "report_clusters_left_out";

  public static final String ISSUE_DRAFTS = "issue_drafts";
  public static final String ISSUES_CREATED = "issues_created";
  public static final String ISSUES_COMMENTED = "issues_commented";
  public static final String ISSUES_ALREADY_REPORTED = "issues_already_reported";
  public static final String ISSUES_FILING_FAILED = "issues_filing_failed";
  public static final String ISSUES_FILING_RETRIED = "issues_filing_retried";
  public static final String ISSUES_FILING_DROPPED = "issues_filing_dropped";

  /** Filing calls put off because the worker's share of the global filing rate was spent. */
  public static final String ISSUES_FILING_THROTTLED = "issues_filing_throttled";

  /**
   * Beam's own counter for elements dropped behind the allowed lateness, set by the runners (the
   * DirectRunner capitalizes it: compare ignoring case).
   */
  public static final String RUNNER_DROPPED_DUE_TO_LATENESS = "droppedDueToLateness";

  private GardenerCounters() {}

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  public static Distribution distribution(String name) {
    return Metrics.distribution(NAMESPACE, name);
  }

  /** The counter for dead letters of one reason, e.g. {@code dead_lettered_not_json}. */
  public static Counter deadLettered(String reason) {
    return Metrics.counter(NAMESPACE, DEAD_LETTERED_PREFIX + reason);
  }
}
