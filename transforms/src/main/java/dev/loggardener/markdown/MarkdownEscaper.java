package dev.loggardener.markdown;

/**
 * Makes log-derived text (service names, revisions, log names, reasons, ids, truncated patterns)
 * inert when it is placed in markdown prose, headings, list items or table cells. Log text is
 * attacker-controlled — anyone who can make a service log a string can make it say {@code
 * [click](http://evil)} or {@code <script>} — so the output is always a single line, HTML
 * metacharacters become entities, and markdown metacharacters are backslash-escaped wherever they
 * could start a construct (links, images, emphasis, code spans, table cells, autolinks, mentions,
 * and headings or list markers at the start of a value, which the template may put at the start of
 * a line). Characters that cannot start anything are left alone so raw reports stay readable
 * ({@code netra-backend}, {@code run.googleapis.com}). Use {@link MarkdownCode} for text that
 * should appear verbatim.
 */
public final class MarkdownEscaper {

  /** Shown where a line break was, so multi-line values stay visibly multi-line. */
  static final char NEWLINE_MARK = '⏎';

  private MarkdownEscaper() {}

  /** Escapes {@code text} for markdown prose; null becomes the empty string. */
  public static String escape(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = singleLine(text);
    StringBuilder out = new StringBuilder(s.length() + 16);
    int lineStart = firstNonSpace(s);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char prev = i > 0 ? s.charAt(i - 1) : '\0';
      char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '\\':
        case '`':
        case '*':
        case '[':
        case ']':
        case '|':
        case '~':
        case '{':
        case '}':
        case '#': // headings at line start; issue references (#12) where reports become issues
        case '@': // mentions and e-mail autolinks where reports become issues
          out.append('\\').append(c);
          break;
        case '_':
          // Intraword underscores cannot open or close emphasis; escaping them would only make
          // names like netra_backend harder to read in the raw file.
          if (isAlnum(prev) && isAlnum(next)) {
            out.append(c);
          } else {
            out.append("\\_");
          }
          break;
        case '!':
        case '(':
          // Only dangerous as "![" or "](", and the brackets are escaped anyway; kept for depth.
          if ((c == '!' && next == '[') || (c == '(' && prev == ']')) {
            out.append('\\');
          }
          out.append(c);
          break;
        case '+':
        case '-':
        case '=':
          // List markers, thematic breaks and setext underlines only bite at the start of a line.
          if (i == lineStart) {
            out.append('\\');
          }
          out.append(c);
          break;
        case '.':
        case ')':
          // "1." / "1)" at the start of a line would begin an ordered list.
          if (i > lineStart && allDigits(s, lineStart, i)) {
            out.append('\\');
          }
          out.append(c);
          break;
        case ':':
          // Defuses GFM extended autolinks (http://…) without hiding the URL from the reader.
          if (next == '/' && i + 2 < s.length() && s.charAt(i + 2) == '/') {
            out.append('\\');
          }
          out.append(c);
          break;
        default:
          out.append(c);
          // GFM also autolinks "www." without a scheme.
          if ((c == 'w' || c == 'W') && endsWithWww(s, i) && next == '.') {
            out.append('\\');
          }
          break;
      }
    }
    return out.toString();
  }

  /**
   * Single-line form of {@code text}: line breaks become {@value #NEWLINE_MARK} (CRLF counts as
   * one), other whitespace controls become spaces, and remaining control and bidi-override
   * characters are dropped so they cannot reorder or hide what the reader sees.
   */
  static String singleLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append(NEWLINE_MARK);
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        out.append(NEWLINE_MARK);
      } else if (c == '\t' || c == '\u000B' || c == '\f') {
        out.append(' ');
      } else if (!isInvisibleHazard(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** C0/C1 controls and the bidi embedding, override and isolate characters. */
  static boolean isInvisibleHazard(char c) {
    return Character.isISOControl(c)
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\uFEFF';
  }

  private static int firstNonSpace(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return to > from;
  }

  private static boolean endsWithWww(String s, int i) {
    return i >= 2
        && s.regionMatches(true, i - 2, "www", 0, 3)
        && (i < 3 || !Character.isLetterOrDigit(s.charAt(i - 3)));
  }

  private static boolean isAlnum(char c) {
    return Character.isLetterOrDigit(c);
  }
}
