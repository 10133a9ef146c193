package dev.loggardener.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small CommonMark reader for tests: splits a document into fenced code blocks and
 * prose lines with code spans removed, following the spec's fence and code-span rules, so tests can
 * check what a renderer would treat as markup rather than grepping raw text.
 */
final class MarkdownScan {
  private static final Pattern OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

  final List<String> blocks = new ArrayList<>();

  /** Prose lines outside fenced blocks, with code spans replaced by a placeholder. */
  final List<String> prose = new ArrayList<>();

  /** Contents of the code spans found in prose, in order. */
  final List<String> spans = new ArrayList<>();

  boolean unclosedBlock;

  static MarkdownScan of(String doc) {
    MarkdownScan s = new MarkdownScan();
    String[] lines = doc.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = OPEN.matcher(lines[i]);
      boolean backtickInfoOk =
          m.matches() && !(m.group(1).charAt(0) == '`' && m.group(2).contains("`"));
      if (!backtickInfoOk) {
        s.prose.add(s.stripSpans(lines[i]));
        continue;
      }
      char fc = m.group(1).charAt(0);
      int len = m.group(1).length();
      Pattern close =
          Pattern.compile("^ {0,3}" + Pattern.quote(String.valueOf(fc)) + "{" + len + ",}[ \\t]*$");
      StringBuilder content = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !close.matcher(lines[j]).matches()) {
        content.append(lines[j]).append('\n');
        j++;
      }
      if (j == lines.length) {
        s.unclosedBlock = true;
      }
      s.blocks.add(content.toString());
      i = j;
    }
    return s;
  }

  /** Removes code spans per CommonMark: a backtick run closes at the next run of equal length. */
  private String stripSpans(String line) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        out.append(c).append(line.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c != '`') {
        out.append(c);
        i++;
        continue;
      }
      int run = runLength(line, i);
      int close = findRun(line, i + run, run);
      if (close < 0) {
        out.append(line, i, i + run);
        i += run;
      } else {
        String content = line.substring(i + run, close);
        // CommonMark strips one space from each side when both are present (and not all spaces).
        if (content.length() >= 2
            && content.startsWith(" ")
            && content.endsWith(" ")
            && !content.isBlank()) {
          content = content.substring(1, content.length() - 1);
        }
        spans.add(content);
        out.append("<CODE>".replace('<', '{').replace('>', '}'));
        i = close + run;
      }
    }
    return out.toString();
  }

  private static int runLength(String s, int i) {
    int j = i;
    while (j < s.length() && s.charAt(j) == '`') {
      j++;
    }
    return j - i;
  }

  private static int findRun(String s, int from, int len) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == '`') {
        int r = runLength(s, i);
        if (r == len) {
          return i;
        }
        i += r;
      } else {
        i++;
      }
    }
    return -1;
  }

  String proseText() {
    return String.join("\n", prose);
  }
}
