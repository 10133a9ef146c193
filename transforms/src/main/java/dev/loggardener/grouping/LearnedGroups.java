package dev.loggardener.grouping;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  // token count -> patterns of that many tokens, in string order (deterministic iteration)
  private final TreeMap<Integer, TreeSet<String>> byLength;
  private final int size;

  private LearnedGroups(TreeMap<Integer, TreeSet<String>> byLength) {
    this.byLength = byLength;
    int n = 0;
    for (TreeSet<String> s : byLength.values()) {
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
    for (TreeSet<String> s : byLength.values()) {
      all.addAll(s);
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
    TreeSet<String> candidates = byLength.get(tokens.length);
    if (candidates == null) {
      return template;
    }
    String best = null;
    int bestMasks = -1;
    for (String p : candidates) {
      String[] pt = Tokens.split(p);
      if (Tokens.matches(pt, tokens)) {
        int masks = Tokens.masks(pt);
        if (masks > bestMasks) {
          best = p;
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
    TreeMap<Integer, TreeSet<String>> next = new TreeMap<>();
    for (Map.Entry<Integer, TreeSet<String>> e : byLength.entrySet()) {
      next.put(e.getKey(), new TreeSet<>(e.getValue()));
    }
    int n = size;
    boolean changed = false;
    for (String p : learned) {
      String[] pt = Tokens.split(p);
      TreeSet<String> same = next.computeIfAbsent(pt.length, k -> new TreeSet<>());
      boolean subsumed = false;
      List<String> replaced = new ArrayList<>();
      for (String q : same) {
        String[] qt = Tokens.split(q);
        if (Tokens.matches(qt, pt)) {
          subsumed = true;
          break;
        }
        if (Tokens.matches(pt, qt)) {
          replaced.add(q);
        }
      }
      if (subsumed || (replaced.isEmpty() && n >= MAX_PATTERNS)) {
        continue;
      }
      same.removeAll(replaced);
      same.add(p);
      n += 1 - replaced.size();
      changed = true;
    }
    if (!changed) {
      return this;
    }
    next.values().removeIf(TreeSet::isEmpty);
    return new LearnedGroups(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LearnedGroups && ((LearnedGroups) o).byLength.equals(byLength);
  }

  @Override
  public int hashCode() {
    return Objects.hash(byLength);
  }

  @Override
  public String toString() {
    return "LearnedGroups" + patterns();
  }
}
