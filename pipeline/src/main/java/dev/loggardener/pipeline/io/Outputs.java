package dev.loggardener.pipeline.io;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.model.DeadLetter;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * What the pipeline produces and the sinks write: cluster rows, reports (relative path and
 * markdown), dead letters, and issue drafts (relative path under {@code issues/} and markdown).
 * Tests and other sinks attach to the same collections.
 */
public record Outputs(
    PCollection<ClusterRow> clusterRows,
    PCollection<KV<String, String>> reports,
    PCollection<DeadLetter> deadLetters,
    PCollection<KV<String, String>> issueDrafts) {}
