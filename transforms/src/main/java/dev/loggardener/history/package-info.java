/**
 * Status of a cluster against its signature's history: NEW, ONGOING, SPIKE or REGRESSION, and the
 * tracker issue that follows it.
 *
 * <p>{@link dev.loggardener.history.TrackSignatureHistory} keeps, per (service, signature), the
 * counts of the last 168 windows in Beam state in the global window, processes rows in event-time
 * order with a timer, and forgets a signature after {@code --historyRetentionDays} (14) without it.
 * {@link dev.loggardener.history.SpikeRule} documents the spike formula (a simplified Sentry
 * escalation forecast); {@link dev.loggardener.history.ClusterStatus} the precedence of the
 * statuses; {@link dev.loggardener.history.KnownIssues} the registry file ({@code --knownIssues},
 * CSV or YAML, read when the pipeline is built; reloading it in a running streaming job is a later
 * step); {@link dev.loggardener.history.RevisionOrder} when a revision counts as newer. On a single
 * export the first window of a signature is NEW, later ones ONGOING or SPIKE.
 */
package dev.loggardener.history;
