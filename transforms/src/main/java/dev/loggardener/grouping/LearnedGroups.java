package dev.loggardener.grouping;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the learning stage knows about one service: the group templates ("patterns") it has
 * learned, each a signature template with {@code <*>} at the positions found to vary. A template
 * belongs to the most general pattern of its shape (same token count) that matches it, or to
 * itself when none does. The set only ever grows in generality: a pattern is replaced only by
 * one that matches everything it matched (once a position is variable it stays variable), so a
 * template's group changes at most from itself to a learned pattern, never back. Immutable; the
 * number of patterns is capped at {@link #MAX_PATTERNS}.
 */
public final class LearnedGroups implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Patterns kept per service; learning adds none beyond it (bounded state). */
  public static final int MAX_PATTERNS = 5_000;

  private static final LearnedGroups EMPTY = new LearnedGroups(new TreeMap<>());

  // token count -> patterns of that many tokens in string order (deterministic iteration), each
  // with its tokens split once: matching is the hot path of every lookup
  private final TreeMap<Integer, TreeMap<String, String[]>> byLength;
  private final int size;

  private LearnedGroups(TreeMap<Integer, TreeMap<String, String[]>> byLength) {
    this.byLength = byLength;
    int n = 0;
    for (TreeMap<String, String[]> s : byLength.values()) {
      n += s.size();
    }
    this.size = n;
  }

  public static LearnedGroups empty() {
    return EMPTY;
  }

  /**
   * The groups made of these patterns (in any order), as a decoder or a test would build them;
   * patterns subsumed by a more general one are dropped, as learning would have dropped them.
   */
  public static LearnedGroups of(Collection<String> patterns) {
    LearnedGroups g = EMPTY;
    List<String> sorted = new ArrayList<>(new TreeSet<>(patterns));
    return g.plus(sorted);
  }

  /** The patterns, in string order. */
  public List<String> patterns() {
    List<String> all = new ArrayList<>(size);
    for (TreeMap<String, String[]> s : byLength.values()) {
      all.addAll(s.keySet());
    }
    Collections.sort(all);
    return all;
  }

  public int size() {
    return size;
  }

  /**
   * The group template of {@code template}: the most general learned pattern that matches it
   * (most {@code <*>}, then the smallest string), or the template itself.
   */
  public String groupOf(String template) {
    String[] tokens = Tokens.split(template);
    TreeMap<String, String[]> candidates = byLength.get(tokens.length);
    if (candidates == null) {
      return template;
    }
    String best = null;
    int bestMasks = -1;
    for (Map.Entry<String, String[]> p : candidates.entrySet()) {
      String[] pt = p.getValue();
      if (Tokens.matches(pt, tokens)) {
        int masks = Tokens.masks(pt);
        if (masks > bestMasks) {
          best = p.getKey();
          bestMasks = masks;
        }
      }
    }
    return best == null ? template : best;
  }

  /**
   * These groups with {@code learned} added in the given order: a new pattern that an existing
   * one already matches adds nothing, one that matches existing ones replaces them, and none is
   * added once {@link #MAX_PATTERNS} are kept.
   */
  LearnedGroups plus(List<String> learned) {
    TreeMap<Integer, TreeMap<String, String[]>> next = new TreeMap<>();
    for (Map.Entry<Integer, TreeMap<String, String[]>> e : byLength.entrySet()) {
      next.put(e.getKey(), new TreeMap<>(e.getValue()));
    }
    int n = size;
    boolean changed = false;
    for (String p : learned) {
      String[] pt = Tokens.split(p);
      TreeMap<String, String[]> same = next.computeIfAbsent(pt.length, k -> new TreeMap<>());
      int replaced = add(same, p, pt, n);
      if (replaced >= 0) {
        n += 1 - replaced;
        changed = true;
      }
    }
    if (!changed) {
      return this;
    }
    next.values().removeIf(TreeMap::isEmpty);
    return new LearnedGroups(next);
  }

  /**
   * Adds pattern p (tokens pt) to same unless covered or over the cap ({@code n} patterns kept);
   * the number of patterns it replaced, or -1 when it was not added.
   */
  private static int add(TreeMap<String, String[]> same, String p, String[] pt, int n) {
    List<String> replaced = new ArrayList<>();
    for (Map.Entry<String, String[]> q : same.entrySet()) {
      if (Tokens.matches(q.getValue(), pt)) {
        return -1;
      }
      if (Tokens.matches(pt, q.getValue())) {
        replaced.add(q.getKey());
      }
    }
    if (replaced.isEmpty() && n >= MAX_PATTERNS) {
      return -1;
    }
    same.keySet().removeAll(replaced);
    same.put(p, pt);
    return replaced.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LearnedGroups && ((LearnedGroups) o).patterns().equals(patterns());
  }

  @Override
  public int hashCode() {
    return patterns().hashCode();
  }

  @Override
  public String toString() {
    return "LearnedGroups" + patterns();
  }
}
