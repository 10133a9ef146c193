package dev.loggardener.grouping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The second pass of the learning stage, across token counts: templates of one statement whose
 * values take different numbers of tokens (a node name of one word or three, a nested error
 * message, a list) or whose word-valued variable has too few values for the fixed-length pass.
 *
 * <p>Candidates as Spell finds them: each template, heaviest first, joins the earlier group with
 * whose shared tokens it has the longest common subsequence, when that covers at least {@link
 * LearnerSettings#SPAN_RATIO} percent of the template and holds enough words; otherwise it seeds a
 * group of its own. Groups are looked up through the words they hold, a bounded number per word, so
 * the work is per distinct template.
 *
 * <p>Then, as Brain splits a group by its remaining columns: the tokens common to all members are
 * the constants; between them lie gaps, and each gap is a variable or a constant that splits the
 * group. A gap is a variable when its values form an open set ({@link LearnerSettings#MIN_DISTINCT}
 * values), or when they number two or more, the constants hold {@link
 * LearnerSettings#SPAN_CONTEXT_WORDS} words, and the text itself says "value here": a value already
 * masked, values of different lengths, a gap after {@code :} or {@code =} or inside quotes or
 * brackets, or values shaped like identifiers. Two siblings that differ in one plain word ({@code
 * RemoveContainer} / {@code StartContainer}) give no such sign and stay apart.
 */
final class SpanLearner {
  /** Seeds indexed under one word at most; further seeds are found through their other words. */
  private static final int POSTINGS_CAP = 64;

  /** Seeds compared in full per template: those sharing the most words with it. */
  private static final int CANDIDATES = 6;

  /** Templates longer than this (in tokens) are not aligned: the alignment is quadratic. */
  private static final int MAX_TOKENS = 200;

  /** Whether every value is one token. */
  private static boolean single(java.util.Set<String> d) {
    for (String v : d) {
      if (v.indexOf(' ') >= 0) {
        return false;
      }
    }
    return true;
  }

  private SpanLearner() {}

  /** Span patterns learned over {@code units} (template to weight), heaviest first. */
  static List<String> learn(
      Map<String, Long> units, java.util.function.Predicate<String> learnable) {
    List<Unit> all = new ArrayList<>();
    for (Map.Entry<String, Long> e : units.entrySet()) {
      String[] t = Tokens.split(e.getKey());
      if (t.length <= MAX_TOKENS && learnable.test(e.getKey())) {
        all.add(new Unit(e.getKey(), t, e.getValue()));
      }
    }
    all.sort(Comparator.comparingLong((Unit u) -> -u.weight).thenComparing(u -> u.text));
    List<List<Unit>> clusters = new ArrayList<>();
    // per cluster, the tokens all its members share so far, in order (Spell's LCS template)
    List<String[]> shared = new ArrayList<>();
    Map<String, List<Integer>> postings = new HashMap<>();
    for (Unit u : all) {
      int best = -1;
      int bestLcs = 0;
      for (int c : candidates(u, postings)) {
        String[] constants = shared.get(c);
        int[] lcs = lcs(u.tokens, constants);
        int common = lcs[0];
        // Spell's rule: the share of the new template the group's constants cover. The group's
        // side is left out: while it has one member its "constants" still hold that member's
        // values, which would count against a sibling whose value differs in length.
        if (lcs[1] >= LearnerSettings.SPAN_CONTEXT_WORDS
            && (common * 100 >= LearnerSettings.SPAN_RATIO * u.tokens.length || lcs[3] == 1)
            && common > bestLcs) {
          best = c;
          bestLcs = common;
        }
      }
      if (best >= 0) {
        clusters.get(best).add(u);
        shared.set(best, common(shared.get(best), u.tokens));
      } else {
        List<Unit> c = new ArrayList<>();
        c.add(u);
        clusters.add(c);
        shared.add(u.tokens);
        for (String w : distinctWords(u.tokens)) {
          List<Integer> p = postings.computeIfAbsent(w, k -> new ArrayList<>());
          if (p.size() < POSTINGS_CAP) {
            p.add(clusters.size() - 1);
          }
        }
      }
    }
    List<Learned> out = new ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      if (clusters.get(c).size() >= 2) {
        split(clusters.get(c), shared.get(c), out);
      }
    }
    out.sort(Comparator.comparingLong((Learned l) -> -l.weight).thenComparing(l -> l.pattern));
    List<String> patterns = new ArrayList<>(out.size());
    for (Learned l : out) {
      patterns.add(l.pattern);
    }
    return patterns;
  }

  /** The seeds sharing the most words with u, at most {@link #CANDIDATES}, in a fixed order. */
  private static List<Integer> candidates(Unit u, Map<String, List<Integer>> postings) {
    Map<Integer, Integer> shared = new TreeMap<>();
    for (String w : distinctWords(u.tokens)) {
      List<Integer> p = postings.get(w);
      if (p != null) {
        for (int c : p) {
          shared.merge(c, 1, Integer::sum);
        }
      }
    }
    List<Map.Entry<Integer, Integer>> ranked = new ArrayList<>(shared.entrySet());
    ranked.sort(
        Comparator.comparingInt((Map.Entry<Integer, Integer> e) -> -e.getValue())
            .thenComparingInt(Map.Entry::getKey));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ranked.size() && i < CANDIDATES; i++) {
      out.add(ranked.get(i).getKey());
    }
    return out;
  }

  private static List<String> distinctWords(String[] tokens) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String t : tokens) {
      if (isWord(t) && seen.add(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Length of the longest common subsequence of a and b, the words in it, and the number of places
   * where a or b holds tokens the other lacks (a run of them counts once: one value may take
   * several tokens).
   */
  private static int[] lcs(String[] a, String[] b) {
    int[][] d = table(a, b);
    int words = 0;
    int prose = 0;
    int slots = 0;
    boolean inGap = false;
    // whether the only difference is a tail after a token that introduces a value ("…: <msg>")
    int nestedTail = -1;
    int i = a.length;
    int j = b.length;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && a[i - 1].equals(b[j - 1])) {
        if (nestedTail < 0) {
          nestedTail = slots == 1 && introducesValue(a[i - 1]) ? 1 : 0;
        }
        if (isWord(a[i - 1])) {
          words++;
          prose += introducesValue(a[i - 1]) ? 0 : 1;
        }
        inGap = false;
        i--;
        j--;
        continue;
      }
      if (!inGap) {
        slots++;
        inGap = true;
      }
      if (j == 0 || (i > 0 && d[i - 1][j] >= d[i][j - 1])) {
        i--;
      } else {
        j--;
      }
    }
    // the words before the tail say what failed; "Caused by: a.b.XException:" only names a type
    boolean nested = slots == 1 && nestedTail == 1 && prose >= LearnerSettings.SPAN_CONTEXT_WORDS;
    return new int[] {d[a.length][b.length], words, slots, nested ? 1 : 0};
  }

  private static int[][] table(String[] a, String[] b) {
    int[][] d = new int[a.length + 1][b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        d[i][j] =
            a[i - 1].equals(b[j - 1]) ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
      }
    }
    return d;
  }

  /** The longest common subsequence of a and b. */
  private static String[] common(String[] a, String[] b) {
    int[][] d = table(a, b);
    String[] out = new String[d[a.length][b.length]];
    int k = out.length;
    int i = a.length;
    int j = b.length;
    while (i > 0 && j > 0) {
      if (a[i - 1].equals(b[j - 1])) {
        out[--k] = a[i - 1];
        i--;
        j--;
      } else if (d[i - 1][j] >= d[i][j - 1]) {
        i--;
      } else {
        j--;
      }
    }
    return out;
  }

  /**
   * The gaps of u around the constants: constants.length + 1 values (token runs joined by spaces,
   * empty where nothing lies between), or null when u does not hold the constants in order.
   */
  private static String[] gaps(String[] constants, String[] u) {
    String[] out = new String[constants.length + 1];
    int pos = 0;
    for (int c = 0; c <= constants.length; c++) {
      int next = u.length;
      if (c < constants.length) {
        next = -1;
        for (int k = pos; k < u.length; k++) {
          if (u[k].equals(constants[c])) {
            next = k;
            break;
          }
        }
        if (next < 0) {
          return null;
        }
      }
      out[c] = String.join(" ", java.util.Arrays.asList(u).subList(pos, next));
      pos = next + 1;
    }
    return out;
  }

  /** Splits one candidate group by its constant gaps and learns its variable gaps. */
  private static void split(List<Unit> cluster, String[] constants, List<Learned> out) {
    int words = 0;
    for (String c : constants) {
      words += isWord(c) ? 1 : 0;
    }
    if (words < LearnerSettings.SPAN_CONTEXT_WORDS) {
      return;
    }
    List<Unit> members = new ArrayList<>();
    List<String[]> values = new ArrayList<>();
    for (Unit u : cluster) {
      String[] g = gaps(constants, u.tokens);
      if (g != null) {
        members.add(u);
        values.add(g);
      }
    }
    if (members.size() < 2) {
      return;
    }
    int n = constants.length + 1;
    boolean[] variable = new boolean[n];
    boolean any = false;
    for (int g = 0; g < n; g++) {
      variable[g] = isVariable(constants, g, values);
      any |= variable[g];
    }
    if (!any) {
      return;
    }
    for (int g = 0; g < n; g++) {
      // after a key ("error": …) the words are the value's own: a nested message
      boolean keyed = g > 0 && introducesValue(constants[g - 1]);
      if (variable[g] && !keyed && splitsByLeadingWord(members, values, g)) {
        // the leading word is a constant of each statement (an operation, a method): split by
        // it and learn each part with that word among its constants
        Map<String, List<Unit>> parts = new TreeMap<>();
        for (int m = 0; m < members.size(); m++) {
          parts
              .computeIfAbsent(Tokens.split(values.get(m)[g])[0], k -> new ArrayList<>())
              .add(members.get(m));
        }
        for (Map.Entry<String, List<Unit>> part : parts.entrySet()) {
          if (!part.getValue().isEmpty()) {
            String[] more = new String[constants.length + 1];
            System.arraycopy(constants, 0, more, 0, g);
            more[g] = part.getKey();
            System.arraycopy(constants, g, more, g + 1, constants.length - g);
            split(part.getValue(), more, out);
          }
        }
        return;
      }
    }
    String[] prefix = new String[n];
    String[] suffix = new String[n];
    for (int g = 0; g < n; g++) {
      if (variable[g]) {
        prefix[g] = commonEdge(values, g, true);
        suffix[g] = commonEdge(values, g, false);
        for (String[] v : values) {
          if (prefix[g].length() + suffix[g].length() >= v[g].length()) {
            // a wildcard covers at least one character: an empty pair ("()") is the value whole
            prefix[g] = "";
            suffix[g] = "";
            break;
          }
        }
      }
    }
    boolean[] spanning = new boolean[n];
    for (int g = 0; g < n; g++) {
      for (String[] v : values) {
        spanning[g] |= variable[g] && v[g].indexOf(' ') >= 0;
      }
    }
    Map<String, Learned> byPattern = new LinkedHashMap<>();
    for (int m = 0; m < members.size(); m++) {
      // the pattern text, and a flag per <*> in it: masks the signer wrote cover one word
      StringBuilder p = new StringBuilder();
      StringBuilder flags = new StringBuilder();
      for (int g = 0; g < n; g++) {
        if (variable[g]) {
          words(flags, prefix[g]);
          append(p, prefix[g] + Tokens.MASK + suffix[g]);
          flags.append(spanning[g] ? 's' : 'w');
          words(flags, suffix[g]);
        } else {
          append(p, values.get(m)[g]);
          words(flags, values.get(m)[g]);
        }
        if (g < constants.length) {
          append(p, constants[g]);
          words(flags, constants[g]);
        }
      }
      Learned l = byPattern.computeIfAbsent(flags + " " + p, Learned::new);
      l.weight += members.get(m).weight;
      l.members++;
    }
    for (Learned l : byPattern.values()) {
      if (l.members >= 2) {
        out.add(l);
      }
    }
  }

  /** A word flag for every mask the signer wrote in text. */
  private static void words(StringBuilder flags, String text) {
    for (int at = text.indexOf(Tokens.MASK); at >= 0; at = text.indexOf(Tokens.MASK, at + 1)) {
      flags.append('w');
    }
  }

  private static void append(StringBuilder p, String s) {
    if (!s.isEmpty()) {
      if (p.length() > 0) {
        p.append(' ');
      }
      p.append(s);
    }
  }

  /**
   * Whether a gap of several words opens with a plain word taking a few values, each in two or more
   * entries: siblings that differ in a constant word and are frequent each on its own ({@code "GET
   * …"}, {@code "POST …"}) are two statements more likely than one.
   */
  private static boolean splitsByLeadingWord(List<Unit> members, List<String[]> values, int g) {
    Map<String, Long> leading = new HashMap<>();
    for (int m = 0; m < members.size(); m++) {
      String[] t = Tokens.split(values.get(m)[g]);
      if (t.length < 2 || !plainWord(t[0])) {
        return false;
      }
      leading.merge(t[0], members.get(m).weight, Long::sum);
    }
    if (leading.size() < 2 || leading.size() >= LearnerSettings.MIN_DISTINCT) {
      return false;
    }
    for (long count : leading.values()) {
      if (count < 2) {
        return false;
      }
    }
    return true;
  }

  /** Letters only, after an opening quote or bracket. */
  private static boolean plainWord(String t) {
    int i = 0;
    while (i < t.length() && "'\"([{<`".indexOf(t.charAt(i)) >= 0) {
      i++;
    }
    if (t.length() - i < 2) {
      return false;
    }
    for (; i < t.length(); i++) {
      if (!Character.isLetter(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether gap g of the group is a variable (see the class documentation). */
  private static boolean isVariable(String[] constants, int g, List<String[]> values) {
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (String[] v : values) {
      if (v[g].isEmpty()) {
        // a value is never nothing: an empty gap is a constant, and splits off
        return false;
      }
      distinct.add(v[g]);
    }
    if (distinct.size() < 2) {
      return false;
    }
    if (distinct.size() >= LearnerSettings.MIN_DISTINCT) {
      return true;
    }
    // Three or more single words in a long sentence: the sentence is one statement, the words a
    // handful of names (an enumeration of states rarely stands inside so much constant text).
    if (g > 0 && distinct.size() >= 3 && single(distinct)) {
      int words = 0;
      for (String c : constants) {
        words += isWord(c) && !introducesValue(c) ? 1 : 0;
      }
      if (words >= LearnerSettings.FEW_VALUES_WORDS) {
        return true;
      }
    }
    // what differs before all the constants is rather the outer message around a nested one
    return g > 0 && saysValue(constants, g, distinct);
  }

  /** Whether the text around gap g or its values' shape says the gap holds a value. */
  static boolean saysValue(String[] constants, int g, java.util.Set<String> distinct) {
    // one identifier among single words marks the position as a name of something in code
    boolean identifiers = false;
    boolean single = true;
    boolean quoted = true;
    for (String v : distinct) {
      if (addsFields(v)) {
        return false;
      }
    }
    if (generalizes(distinct)) {
      return true;
    }
    // an empty pair of brackets or quotes is that position's value left empty, beside filled ones
    boolean filled = false;
    for (String v : distinct) {
      identifiers |= identifierShaped(v);
      single &= v.indexOf(' ') < 0;
      quoted &= enclosed(v) || emptyPair(v);
      filled |= enclosed(v);
    }
    if ((identifiers && single) || (quoted && filled)) {
      return true;
    }
    // "Type: message" is a header and its message, not a key and its value
    if (g > 1 && introducesValue(constants[g - 1]) && proseBefore(constants, g) >= 2) {
      return true;
    }
    // the values share a lead-in such as "[yaml:" or "name="
    java.util.List<String[]> one = new ArrayList<>();
    for (String v : distinct) {
      one.add(new String[] {v});
    }
    String lead = commonEdge(one, 0, true);
    return !lead.isEmpty() && Tokens.hasLetter(lead) && introducesValue(lead);
  }

  /**
   * Whether one value, read with its masks as wildcards, covers another: the signer already found a
   * value here in one template ({@code request:<*>]} beside {@code request:buffer]}).
   */
  private static boolean generalizes(java.util.Set<String> distinct) {
    for (String a : distinct) {
      if (a.contains(Tokens.MASK)) {
        int masks = (a.length() - a.replace(Tokens.MASK, "").length()) / Tokens.MASK.length();
        Glob g = new Glob(a, spanFlags(masks));
        for (String b : distinct) {
          if (!b.equals(a) && g.matches(b)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean[] spanFlags(int n) {
    boolean[] f = new boolean[n];
    java.util.Arrays.fill(f, true);
    return f;
  }

  /**
   * A run of several tokens of which a later one starts a {@code key=} field: more fields of the
   * message's own structure, not one value ({@code rhost=<*>} against {@code rhost=<*> user=<*>}).
   */
  private static boolean addsFields(String v) {
    String[] t = Tokens.split(v);
    for (int i = 1; i < t.length; i++) {
      int eq = t[i].indexOf('=');
      if (eq > 0 && Character.isLetter(t[i].charAt(0))) {
        return true;
      }
    }
    return false;
  }

  /** A value in quotes or brackets: the text marks it off as one value. */
  private static boolean enclosed(String v) {
    if (v.length() < 3) {
      return false;
    }
    int open = "'\"([{<`".indexOf(v.charAt(0));
    return open >= 0 && v.charAt(v.length() - 1) == "'\")]}>`".charAt(open);
  }

  /** An empty pair of brackets or quotes: {@code ()}, {@code []}, {@code ""}. */
  static boolean emptyPair(String v) {
    if (v.length() != 2) {
      return false;
    }
    int open = "'\"([{<`".indexOf(v.charAt(0));
    return open >= 0 && v.charAt(1) == "'\")]}>`".charAt(open);
  }

  /** Words before gap g that are not headers ending in ':' ({@code Error:}, {@code by:}). */
  private static int proseBefore(String[] constants, int g) {
    int n = 0;
    for (int i = 0; i < g; i++) {
      n += isWord(constants[i]) && !introducesValue(constants[i]) ? 1 : 0;
    }
    return n;
  }

  /** Text ending in {@code : = ( [ ' " #}: what comes next is a value. */
  private static boolean introducesValue(String text) {
    return ":=([{'\"#".indexOf(text.charAt(text.length() - 1)) >= 0;
  }

  /**
   * A value that reads as an identifier rather than a word of the sentence: one token joining
   * letters with {@code - _ . / @}, which prose does not do.
   */
  private static boolean identifierShaped(String v) {
    if (v.indexOf(' ') >= 0) {
      return false;
    }
    if (v.isEmpty() || !Character.isLetter(v.charAt(0))) {
      return false;
    }
    for (int i = 1; i < v.length() - 1; i++) {
      char c = v.charAt(i);
      if (Character.isUpperCase(c)
          && Character.isLowerCase(v.charAt(i - 1))
          && Character.isLowerCase(v.charAt(0))) {
        // lower camel case (appId, watcherMessage) names a thing in code, not in prose
        return true;
      }
      if ((c == '-' || c == '_' || c == '.' || c == '/' || c == '@')
          && Character.isLetterOrDigit(v.charAt(i - 1))
          && Character.isLetterOrDigit(v.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text every value of gap g starts (or ends) with, cut back to punctuation so a word is never
   * split: {@code [yaml:} of {@code [yaml:buffer]} and {@code [yaml:log errors]}.
   */
  private static String commonEdge(List<String[]> values, int g, boolean front) {
    String first = values.get(0)[g];
    int len = first.length();
    for (String[] v : values) {
      String s = v[g];
      int k = 0;
      int max = Math.min(len, s.length());
      while (k < max
          && (front
              ? s.charAt(k) == first.charAt(k)
              : s.charAt(s.length() - 1 - k) == first.charAt(first.length() - 1 - k))) {
        k++;
      }
      len = k;
    }
    // leave at least one character to the value, and end on punctuation
    len = Math.min(len, first.length() - 1);
    while (len > 0) {
      char c = front ? first.charAt(len - 1) : first.charAt(first.length() - len);
      if (!Character.isLetterOrDigit(c) && c != '<' && c != '>' && c != '*' && c != ' ') {
        break;
      }
      len--;
    }
    return front ? first.substring(0, len) : first.substring(first.length() - len);
  }

  private static boolean isWord(String t) {
    return !t.equals(Tokens.MASK) && Tokens.hasLetter(t);
  }

  private static final class Unit {
    final String text;
    final String[] tokens;
    final long weight;

    Unit(String text, String[] tokens, long weight) {
      this.text = text;
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
