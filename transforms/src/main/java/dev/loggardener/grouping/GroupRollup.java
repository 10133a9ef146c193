package dev.loggardener.grouping;

import dev.loggardener.cluster.AggregateClusters;
import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.PrioritizeClusters;
import dev.loggardener.priority.PriorityClassifier;
import dev.loggardener.signature.SignedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rolls the fine clusters of one {@link ServicePane} up into one row per group, given the groups
 * that apply. Pure and deterministic: the rows depend on the set of members and the groups, not on
 * any order.
 *
 * <p>A template belongs to a group when {@link LearnedGroups#groupOf} gives a learned pattern; such
 * a row carries {@code group_id = SignatureGrouper.groupId(pattern)} even when only one member
 * appears in the pane, so the id does not depend on which members a pane holds. Any other signature
 * is a group of one: its row is the aggregation's row with {@code group_id = signature_id} and
 * {@code group_template = signature} (a custom fingerprint rule's id is not a hash of its template,
 * so hashing the template would move it). The members' stats merge exactly ({@link
 * ClusterStats#merge}); the row names the heaviest member (ties: smallest id) in {@code
 * signature_id} and {@code signature}, and lists up to {@link ClusterRow#MAX_GROUP_MEMBER_IDS}
 * member ids, the heaviest first.
 */
final class GroupRollup {
  private GroupRollup() {}

  /** Heaviest first, then smallest signature id. */
  private static final Comparator<ClusterStats> HEAVIEST_FIRST =
      Comparator.comparingLong((ClusterStats s) -> -s.count())
          .thenComparing(s -> s.sample().signatureId);

  /** One group row and what it was made of. */
  static final class Rolled {
    final ClusterRow row;
    final CascadeEvidence evidence;
    final int members;

    /** Every member's fine signature id (the row lists at most {@code MAX_GROUP_MEMBER_IDS}). */
    final List<String> memberSignatureIds;

    Rolled(ClusterRow row, CascadeEvidence evidence, int members, List<String> memberSignatureIds) {
      this.row = row;
      this.evidence = evidence;
      this.members = members;
      this.memberSignatureIds = memberSignatureIds;
    }
  }

  /** The entry counts of the pane's templates: what learning weighs. */
  static Map<String, Long> weights(ServicePane pane) {
    Map<String, Long> w = new TreeMap<>();
    for (ClusterStats s : pane.members) {
      w.merge(s.sample().signature, s.count(), Long::sum);
    }
    return w;
  }

  /** The members' templates and their entry counts. */
  private static Map<String, Long> templates(List<ClusterStats> members) {
    Map<String, Long> t = new TreeMap<>();
    for (ClusterStats s : members) {
      t.merge(s.sample().signature, s.count(), Long::sum);
    }
    return t;
  }

  static List<Rolled> rows(
      ServicePane pane, LearnedGroups groups, PriorityClassifier classifier, Instant emittedAt) {
    Set<String> learned = new HashSet<>(groups.patterns());
    // group key -> members; a TreeMap so rows come out in one order on every runner
    Map<String, List<ClusterStats>> byGroup = new TreeMap<>();
    for (ClusterStats s : pane.members) {
      String pattern = groups.groupOf(s.sample().signature);
      String key =
          learned.contains(pattern) ? "p\u0000" + pattern : "s\u0000" + s.sample().signatureId;
      byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    List<Rolled> out = new ArrayList<>(byGroup.size());
    for (Map.Entry<String, List<ClusterStats>> g : byGroup.entrySet()) {
      boolean isPattern = g.getKey().startsWith("p");
      String pattern = isPattern ? g.getKey().substring(2) : null;
      out.add(rollUp(pane, g.getValue(), pattern, classifier, emittedAt));
    }
    return out;
  }

  private static Rolled rollUp(
      ServicePane pane,
      List<ClusterStats> members,
      String pattern,
      PriorityClassifier classifier,
      Instant emittedAt) {
    List<ClusterStats> ranked = new ArrayList<>(members);
    ranked.sort(HEAVIEST_FIRST);
    SignedEntry heaviest = ranked.get(0).sample();
    ClusterStats merged;
    if (ranked.size() == 1) {
      merged = ranked.get(0); // exactly the aggregation's stats: a group of one changes nothing
    } else {
      merged = new ClusterStats();
      for (ClusterStats s : members) { // signature-id order; merge is order-free anyway
        merged.merge(s);
      }
    }
    List<String> allIds = new ArrayList<>();
    for (ClusterStats s : ranked) {
      allIds.add(s.sample().signatureId);
    }
    List<String> memberIds =
        new ArrayList<>(
            allIds.subList(0, Math.min(allIds.size(), ClusterRow.MAX_GROUP_MEMBER_IDS)));
    ClusterRow row =
        AggregateClusters.toRow(
                merged,
                pane.windowStart,
                pane.windowEnd,
                pane.paneIndex,
                pane.paneTiming,
                pane.isFinal,
                classifier,
                emittedAt)
            .toBuilder()
            .signatureId(heaviest.signatureId)
            .signature(heaviest.signature)
            .sigVersion(heaviest.sigVersion)
            .groupId(pattern == null ? heaviest.signatureId : SignatureGrouper.groupId(pattern))
            .groupTemplate(pattern == null ? heaviest.signature : pattern)
            .groupMemberIds(memberIds)
            .groupValues(
                pattern == null ? List.of() : VariableValues.of(pattern, templates(members)))
            .build();
    if (ranked.size() > 1) {
      // toRow classified the earliest entry's signature; the row names the heaviest member's
      row = PrioritizeClusters.prioritize(row, classifier);
    }
    return new Rolled(row, merged.cascadeEvidence(), ranked.size(), allIds);
  }
}
