package dev.loggardener.grouping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learning stage: finds, among the distinct signature templates of one service, templates of
 * the same shape that differ only at positions whose values vary, and learns one group template for
 * them with {@code <*>} at those positions (see the package documentation for the method and why).
 * Pure and deterministic: the result depends only on the set of (template, weight) pairs and the
 * prior groups, never on their order. Work is per distinct template, not per entry, and bounded by
 * {@link #MAX_TEMPLATES}.
 */
public final class SignatureGrouper {
  /** Distinct templates learned from per call; the heaviest are kept (ties: smallest string). */
  public static final int MAX_TEMPLATES = 5_000;

  /** A position is variable only with at least this many distinct values in its group. */
  static final int MIN_DISTINCT = LearnerSettings.MIN_DISTINCT;

  /**
   * A position whose values are all {@code key=value} with one key needs fewer distinct values: the
   * text itself says it is a value ({@code user=root}, {@code user=guest}, {@code user=test}); two
   * could still be a flag's states.
   */
  static final int MIN_DISTINCT_KEY_VALUES = 3;

  /** A candidate group must share at least this many words (tokens with a letter, not masks). */
  static final int MIN_ANCHOR_WORDS = 2;

  private SignatureGrouper() {}

  /**
   * Learns over {@code weights} (template to number of entries) starting from {@code prior}, and
   * returns the groups that now apply: {@code prior} plus what was learned (see {@link
   * LearnedGroups} for why that is monotone).
   */
  public static LearnedGroups learn(Map<String, Long> weights, LearnedGroups prior) {
    List<Map.Entry<String, Long>> capped = capped(weights);
    LearnedGroups messages = learnUnits(capped, prior, Learnable::is);
    // traces learn apart, per exception type and frames; their patterns never match a message
    return messages.plusSpans(TraceLearner.learn(capped, prior));
  }

  /**
   * Both passes over the templates {@code learnable} admits, each taking part as its group in
   * {@code prior}; returns {@code prior} plus what was learned.
   */
  static LearnedGroups learnUnits(
      List<Map.Entry<String, Long>> weights,
      LearnedGroups prior,
      java.util.function.Predicate<String> learnable) {
    // Each template takes part as its current group, so what is learned builds on the prior.
    Map<String, Long> units = new TreeMap<>();
    for (Map.Entry<String, Long> e : weights) {
      units.merge(prior.groupOf(e.getKey()), e.getValue(), Long::sum);
    }
    TreeMap<Integer, List<Unit>> byLength = new TreeMap<>();
    for (Map.Entry<String, Long> e : units.entrySet()) {
      if (!learnable.test(e.getKey())) {
        continue;
      }
      String[] t = Tokens.split(e.getKey());
      byLength.computeIfAbsent(t.length, k -> new ArrayList<>()).add(new Unit(t, e.getValue()));
    }
    List<Learned> learned = new ArrayList<>();
    for (List<Unit> bucket : byLength.values()) {
      learnBucket(bucket, learned);
    }
    // heaviest first, so the cap keeps what covers the most entries
    learned.sort(Comparator.comparingLong((Learned l) -> -l.weight).thenComparing(l -> l.pattern));
    List<String> patterns = new ArrayList<>(learned.size());
    for (Learned l : learned) {
      patterns.add(l.pattern);
    }
    LearnedGroups fixed = prior.plus(patterns);
    if (LearnerSettings.SPANS == 0) {
      return fixed;
    }
    // the span pass sees each template as its group so far, as the fixed pass saw the prior's
    Map<String, Long> groups = new TreeMap<>();
    for (Map.Entry<String, Long> e : weights) {
      groups.merge(fixed.groupOf(e.getKey()), e.getValue(), Long::sum);
    }
    LearnedGroups spans = fixed.plusSpans(SpanLearner.learn(groups, learnable));
    return spans.plusSpans(OutlierAbsorber.learn(weights, spans, learnable));
  }

  /** The group id of a group template: the signature id a template of that text would have. */
  public static String groupId(String groupTemplate) {
    return dev.loggardener.signature.Signer.idOfTemplate(groupTemplate);
  }

  private static List<Map.Entry<String, Long>> capped(Map<String, Long> weights) {
    List<Map.Entry<String, Long>> all = new ArrayList<>(weights.entrySet());
    if (all.size() > MAX_TEMPLATES) {
      all.sort(
          Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
              .thenComparing(Map.Entry::getKey));
      return all.subList(0, MAX_TEMPLATES);
    }
    return all;
  }

  /**
   * One bucket of templates with the same token count. Each template is anchored on its most shared
   * tokens (Brain's longest common pattern: the largest set of its tokens that occur in equally
   * many templates of the bucket); templates with the same anchor form a candidate group; within
   * it, a position off the anchor is variable when its values look like an open set (see {@link
   * #variableToken}); the other positions split the group by their values.
   */
  private static void learnBucket(List<Unit> bucket, List<Learned> out) {
    if (bucket.size() < 2) {
      return;
    }
    int n = bucket.get(0).tokens.length;
    List<Map<String, Integer>> freq = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      Map<String, Integer> f = new HashMap<>();
      for (Unit u : bucket) {
        f.merge(u.tokens[p], 1, Integer::sum);
      }
      freq.add(f);
    }
    Map<String, List<Unit>> candidates = new TreeMap<>();
    for (Unit u : bucket) {
      candidates.computeIfAbsent(anchorKey(u.tokens, freq), k -> new ArrayList<>()).add(u);
    }
    for (Map.Entry<String, List<Unit>> c : candidates.entrySet()) {
      List<Unit> group = c.getValue();
      boolean[] anchored = anchoredPositions(c.getKey(), n);
      if (group.size() < 2 || literalWords(group.get(0).tokens, anchored) < MIN_ANCHOR_WORDS) {
        continue;
      }
      // per variable position, what it becomes: a mask, or the key of key=value with a mask
      String[] variable = new String[n];
      boolean any = false;
      for (int p = 0; p < n; p++) {
        if (!anchored[p]) {
          variable[p] = variableToken(group, p);
          any |= variable[p] != null;
        }
      }
      if (!any) {
        continue;
      }
      // the remaining positions are constants: they split the candidate group
      Map<String, Learned> split = new LinkedHashMap<>();
      for (Unit u : group) {
        String[] g = u.tokens.clone();
        for (int p = 0; p < n; p++) {
          if (variable[p] != null) {
            g[p] = variable[p];
          }
        }
        String pattern = Tokens.join(g);
        Learned l = split.computeIfAbsent(pattern, Learned::new);
        l.weight += u.weight;
        l.members++;
      }
      for (Learned l : split.values()) {
        if (l.members >= 2) {
          out.add(l);
        }
      }
    }
  }

  /**
   * What position p of the group becomes when its values form an open set, or null when they do
   * not. An open set has many distinct values ({@link #MIN_DISTINCT}): an enumeration (HTTP
   * methods, lifecycle states) has a handful, a name or identifier keeps gaining new ones. Values
   * that all read {@code key=value} under one key need only {@link #MIN_DISTINCT_KEY_VALUES}, and
   * keep their key ({@code user=<*>}).
   */
  static String variableToken(List<Unit> group, int p) {
    java.util.Set<String> values = new java.util.HashSet<>();
    for (Unit u : group) {
      values.add(u.tokens[p]);
    }
    String key = sharedKey(values);
    if (key != null && values.size() >= MIN_DISTINCT_KEY_VALUES) {
      return Tokens.keyMask(key);
    }
    return values.size() >= MIN_DISTINCT ? Tokens.MASK : null;
  }

  /** The {@code key=} every value starts with, or null when they do not share one. */
  private static String sharedKey(java.util.Set<String> values) {
    String key = null;
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0 || v.startsWith(Tokens.MASK)) {
        return null;
      }
      String k = v.substring(0, eq + 1);
      if (key == null) {
        key = k;
      } else if (!key.equals(k)) {
        return null;
      }
    }
    return key;
  }

  /** The anchor of a template, as "p1 p2 ...": positions of its most shared tokens. */
  private static String anchorKey(String[] tokens, List<Map<String, Integer>> freq) {
    // frequency -> number of positions whose token has it; pick the most positions, then the
    // highest frequency
    TreeMap<Integer, Integer> positionsAt = new TreeMap<>();
    for (int p = 0; p < tokens.length; p++) {
      positionsAt.merge(freq.get(p).get(tokens[p]), 1, Integer::sum);
    }
    int bestFreq = -1;
    int bestCount = -1;
    for (Map.Entry<Integer, Integer> e : positionsAt.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() > bestFreq)) {
        bestFreq = e.getKey();
        bestCount = e.getValue();
      }
    }
    StringBuilder key = new StringBuilder();
    for (int p = 0; p < tokens.length; p++) {
      if (freq.get(p).get(tokens[p]) == bestFreq) {
        key.append(p).append('\u0001').append(tokens[p]).append('\u0002');
      }
    }
    return key.toString();
  }

  private static boolean[] anchoredPositions(String anchorKey, int n) {
    boolean[] a = new boolean[n];
    for (String part : anchorKey.split("\u0002")) {
      if (!part.isEmpty()) {
        a[Integer.parseInt(part.substring(0, part.indexOf('\u0001')))] = true;
      }
    }
    return a;
  }

  /** Anchored tokens that are words (hold a letter and are not a mask). */
  private static int literalWords(String[] tokens, boolean[] anchored) {
    int n = 0;
    for (int p = 0; p < tokens.length; p++) {
      if (anchored[p] && !tokens[p].equals(Tokens.MASK) && Tokens.hasLetter(tokens[p])) {
        n++;
      }
    }
    return n;
  }

  static final class Unit {
    final String[] tokens;
    final long weight;

    Unit(String[] tokens, long weight) {
      this.tokens = tokens;
      this.weight = weight;
    }
  }

  private static final class Learned {
    final String pattern;
    long weight;
    int members;

    Learned(String pattern) {
      this.pattern = pattern;
    }
  }
}
