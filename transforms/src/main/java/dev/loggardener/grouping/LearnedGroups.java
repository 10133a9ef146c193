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
 * What the learning stage knows about one service: the group templates ("patterns") it has learned,
 * each a signature template with {@code <*>} at the positions found to vary. A template belongs to
 * the most general pattern of its shape (same token count) that matches it, or to itself when none
 * does. The set only ever grows in generality: a pattern is replaced only by one that matches
 * everything it matched (once a position is variable it stays variable), so a template's group
 * changes at most from itself to a learned pattern, never back. Immutable; the number of patterns
 * is capped at {@link #MAX_PATTERNS}.
 */
public final class LearnedGroups implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Patterns kept per service; learning adds none beyond it (bounded state). */
  public static final int MAX_PATTERNS = 5_000;

  /** How a span pattern is marked in {@link #encoded()}: no template holds this character. */
  static final char SPAN_MARK = '\u0000';

  private static final LearnedGroups EMPTY = new LearnedGroups(new TreeMap<>(), new TreeMap<>());

  // token count -> patterns of that many tokens in string order (deterministic iteration), each
  // with its tokens split once: matching is the hot path of every lookup
  private final TreeMap<Integer, TreeMap<String, String[]>> byLength;
  // span patterns (a <*> covers one or more characters, across tokens), in string order
  private final TreeMap<String, Glob> spans;
  private final int size;

  private LearnedGroups(
      TreeMap<Integer, TreeMap<String, String[]>> byLength, TreeMap<String, Glob> spans) {
    this.byLength = byLength;
    this.spans = spans;
    int n = spans.size();
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
    List<String> fixed = new ArrayList<>();
    List<String> span = new ArrayList<>();
    for (String p : new TreeSet<>(patterns)) {
      if (!p.isEmpty() && p.charAt(0) == SPAN_MARK) {
        span.add(p.substring(1));
      } else {
        fixed.add(p);
      }
    }
    return EMPTY.plus(fixed).plusSpans(span);
  }

  /** The patterns, in string order (span patterns read like the others). */
  public List<String> patterns() {
    List<String> all = new ArrayList<>(size);
    for (TreeMap<String, String[]> s : byLength.values()) {
      all.addAll(s.keySet());
    }
    all.addAll(spans.keySet());
    Collections.sort(all);
    return all;
  }

  /**
   * The patterns as {@link #of} reads them back, in string order: span patterns carry {@link
   * #SPAN_MARK} in front, since their {@code <*>} is read differently.
   */
  public List<String> encoded() {
    List<String> all = new ArrayList<>(size);
    for (TreeMap<String, String[]> s : byLength.values()) {
      all.addAll(s.keySet());
    }
    for (Glob g : spans.values()) {
      all.add(SPAN_MARK + g.encode());
    }
    Collections.sort(all);
    return all;
  }

  /** The texts of the span patterns. */
  java.util.Set<String> spanPatterns() {
    return java.util.Collections.unmodifiableSet(spans.keySet());
  }

  public int size() {
    return size;
  }

  /**
   * The group template of {@code template}: the most general learned pattern that matches it (most
   * {@code <*>}, then the smallest string), or the template itself.
   */
  public String groupOf(String template) {
    // a span pattern is learned over the groups of fixed patterns, so it is the more general
    Glob bestSpan = null;
    String traceKey = spans.isEmpty() ? null : TraceTemplates.key(template);
    for (Glob g : spans.values()) {
      if ((bestSpan == null || g.literalLength < bestSpan.literalLength)
          && applies(g, template, traceKey)) {
        bestSpan = g;
      }
    }
    if (bestSpan != null) {
      return bestSpan.pattern;
    }
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
   * These groups with {@code learned} added in the given order: a new pattern that an existing one
   * already matches adds nothing, one that matches existing ones replaces them, and none is added
   * once {@link #MAX_PATTERNS} are kept.
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
    return new LearnedGroups(next, spans);
  }

  /**
   * These groups with span patterns ({@link Glob#encode} form) added in the given order: one that
   * an existing span pattern already matches adds nothing, one that matches existing ones replaces
   * them (so a template's group only ever becomes more general), none beyond {@link #MAX_PATTERNS}.
   */
  LearnedGroups plusSpans(List<String> learned) {
    TreeMap<String, Glob> next = new TreeMap<>(spans);
    int n = size;
    boolean changed = false;
    for (String encoded : learned) {
      Glob g = Glob.decode(encoded);
      String p = g.pattern;
      boolean covered = false;
      List<String> replaced = new ArrayList<>();
      String key = TraceTemplates.key(p);
      for (Glob q : next.values()) {
        if (applies(q, p, key)) {
          covered = true;
          break;
        }
        if (applies(g, q.pattern, q.traceKey)) {
          replaced.add(q.pattern);
        }
      }
      if (covered || (replaced.isEmpty() && n >= MAX_PATTERNS)) {
        continue;
      }
      next.keySet().removeAll(replaced);
      next.put(p, g);
      n += 1 - replaced.size();
      changed = true;
    }
    return changed ? new LearnedGroups(byLength, next) : this;
  }

  /**
   * Whether span pattern g covers {@code text}, whose {@link TraceTemplates#key} is {@code
   * traceKey}: a trace pattern covers only traces of its own exception type and frames, a message
   * pattern only messages (a wildcard never reaches into frames).
   */
  private static boolean applies(Glob g, String text, String traceKey) {
    String own = g.traceKey;
    if (own == null ? traceKey != null : !own.equals(traceKey)) {
      return false;
    }
    return g.matches(text);
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
    return o instanceof LearnedGroups && ((LearnedGroups) o).encoded().equals(encoded());
  }

  @Override
  public int hashCode() {
    return encoded().hashCode();
  }

  @Override
  public String toString() {
    return "LearnedGroups" + patterns();
  }
}
