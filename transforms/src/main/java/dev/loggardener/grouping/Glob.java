package dev.loggardener.grouping;

/**
 * A learned span pattern read as a glob over the template text. Each {@code <*>} stands for one or
 * more characters: a <em>span</em> wildcard may cover several tokens (a node name of three words, a
 * nested error message, a list), a <em>word</em> wildcard covers characters without a space, as the
 * values it was learned from did. The pattern reads like any template; which wildcards span is kept
 * beside it ({@link #encode}), so a wildcard never covers more than its values did.
 */
final class Glob {
  final String pattern;
  private final String[] segments;
  // per wildcard: whether it may cover spaces
  private final boolean[] spans;

  /** Characters of literal text: fewer means more general. */
  final int literalLength;

  /** The exception type and frames of a trace pattern ({@link TraceTemplates#key}), else null. */
  final String traceKey;

  Glob(String pattern, boolean[] spans) {
    this.pattern = pattern;
    this.segments = pattern.split(java.util.regex.Pattern.quote(Tokens.MASK), -1);
    if (spans.length != segments.length - 1) {
      throw new IllegalArgumentException("one span flag per wildcard: " + pattern);
    }
    this.spans = spans.clone();
    int n = 0;
    for (String s : segments) {
      n += s.length();
    }
    this.literalLength = n;
    this.traceKey = TraceTemplates.key(pattern);
  }

  /** The glob as one string: a flag per wildcard ('s' span, 'w' word), a space, the pattern. */
  String encode() {
    StringBuilder b = new StringBuilder();
    for (boolean s : spans) {
      b.append(s ? 's' : 'w');
    }
    return b.append(' ').append(pattern).toString();
  }

  static Glob decode(String encoded) {
    int sp = encoded.indexOf(' ');
    boolean[] spans = new boolean[sp];
    for (int i = 0; i < sp; i++) {
      spans[i] = encoded.charAt(i) == 's';
    }
    return new Glob(encoded.substring(sp + 1), spans);
  }

  boolean matches(String text) {
    String first = segments[0];
    if (segments.length == 1) {
      return text.equals(first);
    }
    if (!text.startsWith(first) || !text.endsWith(segments[segments.length - 1])) {
      return false;
    }
    return matchFrom(text, 1, first.length(), new int[] {64});
  }

  /**
   * Whether text from pos on matches wildcard i-1 followed by segment i and the rest; budget bounds
   * the backtracking, which real patterns never come near.
   */
  private boolean matchFrom(String text, int i, int pos, int[] budget) {
    boolean span = spans[i - 1];
    String seg = segments[i];
    boolean last = i == segments.length - 1;
    if (last) {
      int at = text.length() - seg.length();
      return at >= pos + 1 && (span || text.indexOf(' ', pos) < 0 || text.indexOf(' ', pos) >= at);
    }
    int limit = span ? text.length() : wordEnd(text, pos);
    for (int at = text.indexOf(seg, pos + 1);
        at >= 0 && at <= limit && budget[0]-- > 0;
        at = text.indexOf(seg, at + 1)) {
      if (matchFrom(text, i + 1, at + seg.length(), budget)) {
        return true;
      }
    }
    return false;
  }

  private static int wordEnd(String text, int pos) {
    int sp = text.indexOf(' ', pos);
    return sp < 0 ? text.length() : sp;
  }

  @Override
  public String toString() {
    return encode();
  }
}
