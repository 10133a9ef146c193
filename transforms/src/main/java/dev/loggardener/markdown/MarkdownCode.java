package dev.loggardener.markdown;

/**
 * Builds code spans and fenced code blocks that show log text verbatim and that the text itself
 * cannot close early. CommonMark ends a code span at the next backtick run of the same length and a
 * fenced block at the next line of at least as many backticks, so both delimiters are made one
 * longer than the longest run inside the content. The results are pre-built safe fragments, the
 * only values the report template may emit with triple mustaches ({@code {{{x}}}}).
 */
public final class MarkdownCode {

  private static final String EMPTY = "*(empty)*";

  private MarkdownCode() {}

  /**
   * An inline code span on one line. Line breaks become {@value MarkdownEscaper#NEWLINE_MARK}
   * because a code span broken across lines would end up in a different block (or, at the start of
   * a line, could become a heading or list marker again). Empty text is shown as {@code *(empty)*}:
   * an empty code span is not valid markdown.
   */
  public static String codeSpan(String text) {
    String s = MarkdownEscaper.singleLine(text == null ? "" : text);
    if (s.isEmpty()) {
      return EMPTY;
    }
    String fence = "`".repeat(longestRun(s, '`') + 1);
    // CommonMark strips one space from each side when both are present, and needs the padding to
    // tell a content backtick from the delimiter, so pad in exactly those cases.
    boolean pad =
        s.charAt(0) == '`'
            || s.charAt(s.length() - 1) == '`'
            || (s.charAt(0) == ' ' && s.charAt(s.length() - 1) == ' ' && !s.isBlank());
    return pad ? fence + " " + s + " " + fence : fence + s + fence;
  }

  /**
   * A fenced code block, fences on their own lines, no trailing newline after the closing fence.
   * Line endings are normalised to {@code \n} and control characters other than tab are dropped,
   * since a stray CR would be a line ending to CommonMark but invisible to the fence arithmetic.
   *
   * @param infoString language tag such as {@code text}; anything but letters, digits, '-' and '_'
   *     is removed because backticks in the info string would invalidate the fence.
   */
  public static String fencedBlock(String text, String infoString) {
    String s = normaliseBlock(text == null ? "" : text);
    String fence = "`".repeat(Math.max(3, longestRun(s, '`') + 1));
    String info = infoString == null ? "" : infoString.replaceAll("[^A-Za-z0-9_-]", "");
    StringBuilder out = new StringBuilder(s.length() + 2 * fence.length() + info.length() + 4);
    out.append(fence).append(info).append('\n').append(s);
    if (!s.isEmpty() && !s.endsWith("\n")) {
      out.append('\n');
    }
    return out.append(fence).toString();
  }

  static String normaliseBlock(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '\n' || c == '\t') {
        out.append(c);
      } else if (!MarkdownEscaper.isInvisibleHazard(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  static int longestRun(String s, char c) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        run++;
        best = Math.max(best, run);
      } else {
        run = 0;
      }
    }
    return best;
  }
}
