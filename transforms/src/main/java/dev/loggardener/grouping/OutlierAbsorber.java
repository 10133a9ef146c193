package dev.loggardener.grouping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The last pass of the learning stage: one rare value of another shape no longer keeps a few
 * messages out of a big group. A group whose text holds {@code <*>} (a position the signer masked
 * or the learner found variable) says "a value stands here"; a template left alone that matches the
 * group's text everywhere else, with one word of any shape at each {@code <*>} ({@code
 * "req_XbQNTjhZLcaQFk",} where the others read {@code "<*>",}, {@code LOCAL(<*>)} among addresses),
 * and is much rarer than the group, joins it. The group keeps its text, so its id does not move;
 * only the rare templates change group. Siblings that differ in a constant word ({@code IPv4} /
 * {@code IPv6}, {@code RemoveContainer} / {@code StartContainer}) differ outside any {@code <*>}
 * and stay apart.
 */
final class OutlierAbsorber {
  /** Groups compared per token count: the heaviest, so the work per template stays bounded. */
  private static final int HOSTS_PER_LENGTH = 32;

  private OutlierAbsorber() {}

  /**
   * Span patterns ({@link Glob#encode} form) that let the groups of {@code learned} absorb rare
   * templates of {@code weights}, heaviest group first.
   */
  static List<String> learn(
      List<Map.Entry<String, Long>> weights, LearnedGroups learned, Predicate<String> learnable) {
    if (LearnerSettings.ABSORB_RATIO <= 0) {
      return List.of();
    }
    Map<String, Long> groups = new TreeMap<>();
    // the groups by token count: a wildcard here covers one word, so a host only ever matches
    // texts of its own token count
    Map<Integer, Map<String, Long>> groupsByLength = new TreeMap<>();
    Map<String, Long> alone = new TreeMap<>();
    for (Map.Entry<String, Long> e : weights) {
      String g = learned.groupOf(e.getKey());
      groups.merge(g, e.getValue(), Long::sum);
      groupsByLength
          .computeIfAbsent(Tokens.split(g).length, k -> new TreeMap<>())
          .merge(g, e.getValue(), Long::sum);
      if (g.equals(e.getKey())) {
        alone.merge(g, e.getValue(), Long::sum);
      }
    }
    Set<String> spans = learned.spanPatterns();
    Map<Integer, List<Host>> hosts = new TreeMap<>();
    for (Map.Entry<String, Long> e : groups.entrySet()) {
      String g = e.getKey();
      // a span pattern already takes in whatever its wildcards cover
      if (g.contains(Tokens.MASK) && !spans.contains(g) && learnable.test(g) && words(g)) {
        hosts
            .computeIfAbsent(Tokens.split(g).length, k -> new ArrayList<>())
            .add(new Host(g, e.getValue()));
      }
    }
    for (List<Host> h : hosts.values()) {
      h.sort(Comparator.comparingLong((Host x) -> -x.weight).thenComparing(x -> x.text));
      if (h.size() > HOSTS_PER_LENGTH) {
        h.subList(HOSTS_PER_LENGTH, h.size()).clear();
      }
    }
    for (Map.Entry<String, Long> e : alone.entrySet()) {
      String t = e.getKey();
      List<Host> same = hosts.get(Tokens.split(t).length);
      if (same == null || !learnable.test(t)) {
        continue;
      }
      for (Host h : same) {
        if (h.weight < LearnerSettings.ABSORB_RATIO * e.getValue()) {
          break;
        }
        if (!h.text.equals(t) && h.glob.matches(t)) {
          h.absorbs++;
          break;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Host>> same : hosts.entrySet()) {
      for (Host h : same.getValue()) {
        if (h.absorbs > 0 && takesOnlyRareTemplates(h, groupsByLength.get(same.getKey()), alone)) {
          out.add(h.glob.encode());
        }
      }
    }
    return out;
  }

  /**
   * Whether everything the host, read with its masks as wildcards, would take in is templates
   * alone, together rare enough beside it: taking in another learned group would be a merge of two
   * groups, which this pass does not decide.
   */
  private static boolean takesOnlyRareTemplates(
      Host h, Map<String, Long> groups, Map<String, Long> alone) {
    long taken = 0;
    for (Map.Entry<String, Long> g : groups.entrySet()) {
      if (g.getKey().equals(h.text) || !h.glob.matches(g.getKey())) {
        continue;
      }
      if (!alone.containsKey(g.getKey())) {
        return false;
      }
      taken += g.getValue();
    }
    return h.weight >= LearnerSettings.ABSORB_RATIO * taken;
  }

  /** Whether the text holds enough words besides masks to say which statement it is. */
  private static boolean words(String text) {
    int n = 0;
    for (String t : Tokens.split(text)) {
      if (!t.contains(Tokens.MASK) && Tokens.hasLetter(t)) {
        n++;
      }
    }
    return n >= LearnerSettings.SPAN_CONTEXT_WORDS;
  }

  private static final class Host {
    final String text;
    final long weight;
    final Glob glob;
    int absorbs;

    Host(String text, long weight) {
      this.text = text;
      this.weight = weight;
      this.glob = new Glob(text, new boolean[masks(text)]);
    }

    private static int masks(String text) {
      int n = 0;
      for (int at = text.indexOf(Tokens.MASK); at >= 0; at = text.indexOf(Tokens.MASK, at + 1)) {
        n++;
      }
      return n;
    }
  }
}
