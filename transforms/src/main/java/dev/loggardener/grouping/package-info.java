/**
 * Signature groups: templates of the same shape that differ only at variable positions ({@code user
 * alice logged out}, {@code user bob logged out}, ...) become one cluster, a <em>group</em>, whose
 * template has {@code <*>} at those positions ({@code user <*> logged out}) and whose id does not
 * flip from window to window or pane to pane.
 *
 * <h2>Four layers</h2>
 *
 * <ol>
 *   <li><b>Stateless signer.</b> {@code SignEntries} gives every entry its fine template and {@code
 *       signature_id} as before; nothing per entry depends on other entries, so the fine id of a
 *       message is the same on every run and every row keeps it.
 *   <li><b>Learning per (service, window).</b> {@link
 *       dev.loggardener.grouping.SignatureGrouper#learn} looks at the <em>distinct</em> templates
 *       of one service in one window with their entry counts (not at entries), buckets them by
 *       token count, anchors each on its most shared tokens and marks a position variable when its
 *       values look like an open set (at least {@code MIN_DISTINCT} distinct values). A second
 *       pass, {@code SpanLearner}, works across token counts: Spell-style candidates by longest
 *       common subsequence, then Brain-style gaps between the shared tokens, a gap becoming {@code
 *       <*>} when its values form an open set or the text says "value here" (a lead-in, a key,
 *       quotes, an identifier, a value the signer already masked, a few names inside a long
 *       sentence); its patterns are globs whose {@code <*>} may cover several words. Last, {@code
 *       OutlierAbsorber} lets a big group whose text holds {@code <*>} take in a rare template that
 *       differs from it only at those {@code <*>} (the group keeps its text and id). Stack-trace
 *       signatures go through the same passes apart, per exception type and in-app frames ({@code
 *       TraceLearner}), so only their messages are generalized. Pure and order-free: the result
 *       depends on the set of (template, weight) pairs and the prior groups only.
 *   <li><b>Persisted, monotone {@link dev.loggardener.grouping.LearnedGroups} per service.</b>
 *       {@code dev.loggardener.grouping.GroupSignatures} keeps the service's learned patterns in
 *       Beam state in the global window (coder {@link dev.loggardener.grouping.LearnedGroupsCoder}:
 *       the sorted patterns, span patterns marked), and every learning starts from them: a pattern
 *       is only ever replaced by a more general one that matches all it matched, so once a position
 *       is variable it stays variable. Patterns are learned from one window and then apply to every
 *       later window and pane, even one holding a single member, which alone could never show a
 *       variable position.
 *   <li><b>Group rows.</b> Each pane's fine clusters are rolled up by {@code GroupRollup}: one row
 *       per group, with the members' {@code ClusterStats} merged exactly (counts summed, first/last
 *       seen, revisions, instances and cascade evidence merged as the aggregation merges them),
 *       {@code signature_id} and {@code signature} of the heaviest member (ties: smallest id),
 *       {@code group_id = SignatureGrouper.groupId(group_template)}, up to 20 {@code
 *       group_member_ids}, the heaviest first, and {@code group_values}, the values behind each
 *       {@code <*>} ({@code VariableValues}). A signature in no learned group is a group of one:
 *       its row is exactly the aggregation's, plus {@code group_id = signature_id} and {@code
 *       group_template = signature}. History, cascades, priorities, reports and issue files key by
 *       {@code ClusterRow.clusterId()}, the group id (the signature id in rows without one).
 * </ol>
 *
 * <h2>Why these choices</h2>
 *
 * <ul>
 *   <li><b>Roll-up after aggregation, not in the signer.</b> Learning needs to see many distinct
 *       templates side by side, which only exist once a window's entries are counted; signing stays
 *       per entry and stateless, and aggregation stays keyed by the fine id (its hot-key fanout and
 *       bounded buckets unchanged). Merging {@code ClusterStats} rather than rows keeps the group's
 *       numbers exact (a distinct-instance sketch or a sample cannot be recomputed from rows).
 *   <li><b>Event-time order.</b> The learned state depends on which windows were learned from
 *       before, so the windows of a service must be learned in one order on every runner. The stage
 *       buffers each (service, window) firing and releases it with an event-time timer when the
 *       watermark passes its window's end, sorted by window start and pane, as {@code
 *       TrackSignatureHistory} does; a batch over several windows gives the same rows whatever
 *       order its input arrives in. A late pane of an old window is grouped with everything learned
 *       so far (possibly from later windows): still monotone. Early panes (streaming only) are the
 *       exception: waiting for the watermark kept them from every sink, so an early firing is
 *       grouped at once with the state as it is plus what the pane itself shows, and what it learns
 *       is not stored. Only on-time and late panes, in event-time order, change the state, so it
 *       does not depend on when processing-time triggers fired; an early row is provisional, and
 *       its window's on-time pane is grouped again.
 *   <li><b>Bounds.</b> Learning is per distinct template and capped at {@code
 *       SignatureGrouper.MAX_TEMPLATES} (5,000, heaviest first) per call; a service keeps at most
 *       {@code LearnedGroups.MAX_PATTERNS} (5,000) patterns; a row lists at most 20 member ids. Per
 *       open window the stage keeps the latest row of each fine cluster and a fingerprint per group
 *       ({@code WindowClusters}), freed 10 to 20 minutes after the window's closing pane; a firing
 *       brings only the clusters that fired since the last one, so nothing grows with the number of
 *       firings. The learned state is kept for the life of the job (it is small and bounded, and
 *       dropping it would let ids move back).
 * </ul>
 *
 * <h2>What a template's group can do between panes</h2>
 *
 * A template's group only ever becomes more general, and never moves back: from itself (a group of
 * one, {@code group_id = signature_id}) to a learned pattern, in the first pane whose learning (or
 * an earlier one) finds the pattern; and, when a later window finds a second position of that
 * pattern variable, to the more general pattern that replaces it, taking its whole group along.
 * Each such step merges groups and never splits one, and with one variable position per shape there
 * is only the first. A group's id never depends on which members a pane holds (a pane with a single
 * member keeps the learned group), and a group's {@code signature_id} (its heaviest member) may
 * change between panes, which is why nothing downstream keys by it.
 */
package dev.loggardener.grouping;
