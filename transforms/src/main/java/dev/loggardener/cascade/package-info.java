/**
 * Cascades: which clusters of a window are symptoms of which, and which one is the root cause.
 *
 * <p><b>Evidence, bounded.</b> While a cluster is aggregated, its accumulator keeps a {@link
 * dev.loggardener.cluster.CascadeEvidence}: up to 64 (instance, time) events and up to 32 trace
 * ids, each chosen bottom-k by a stable hash, so the sample merges associatively and commutatively
 * in the existing {@code CombineFn} and is the same on every runner. Events are sampled by
 * (instance, 10-minute bucket) first, so clusters that fire together keep the same buckets; traces
 * by trace id, so a shared trace is kept by both clusters or neither.
 *
 * <p><b>Links.</b> {@link dev.loggardener.cascade.LinkCascades} keeps the {@code
 * --cascadeMaxClusters} (default 200) biggest clusters of a window, across services, in a bounded
 * combine ({@link dev.loggardener.cascade.TopClustersFn}), and {@link
 * dev.loggardener.cascade.CascadeDetector} compares every pair of them; the others carry "not
 * analysed" in {@code cascade_evidence}. The findings go back to each service's rows per (window,
 * service), and a row leaves only when it changed ({@code emit_seq}). A pair is linked, A → B ("B
 * is a symptom of A"), by the first of:
 *
 * <ol>
 *   <li><i>co-occurrence</i>: at least 3 of B's sampled entries, and at least half of them, came
 *       within {@code --cascadeWindowSeconds} (default 120) after an entry of A on the same
 *       instance, and the order was consistent (A before B at least 75% of the times either
 *       followed the other);
 *   <li><i>shared traces</i>: at least 2 distinct trace ids in both samples (how a 503 in one
 *       service reaches a retry warning in another); the direction is the one the earliest times in
 *       those traces show;
 *   <li><i>shared distinctive token</i>: a dotted name of three or more parts (module, class, host)
 *       in the signature or the sample's first line, carried by at most 3 clusters of the window;
 *       the direction is first seen first.
 * </ol>
 *
 * <p><b>Roots.</b> Each cluster with incoming links takes one parent: the strongest kind of link,
 * then the larger share of its entries explained, then the shorter median lag (the closest
 * predecessor, so chains read cause by cause), then the earlier first seen. A cluster with no
 * parent is a root; when parents form a cycle, the member first in canonical order (earliest first
 * seen, then service, then signature id) becomes the root. Every row gets {@code
 * root_cause_signature_id} (its own id for a root or an unlinked cluster), {@code cascade_id}
 * ({@code cas-} and 16 hex digits of SHA-256 over the root's service, signature id and the window
 * start; empty when linked to nothing), {@code cascade_parent_signature_id} and {@code
 * cascade_evidence}, the sentence that explains its link. Nothing depends on input order.
 */
package dev.loggardener.cascade;
