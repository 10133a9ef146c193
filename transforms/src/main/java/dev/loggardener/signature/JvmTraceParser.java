package dev.loggardener.signature;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Java and Kotlin stack traces ({@code \tat pkg.Class.method(File.java:42)}). The signature
 * uses the root cause, the last {@code Caused by:} section, because wrappers such as {@code
 * RuntimeException}/{@code ServletException} are shared by unrelated failures while the root cause
 * tells them apart. {@code Suppressed:} sections and {@code ... N more} lines are skipped; a thread
 * name in {@code Exception in thread "…"} is dropped.
 */
final class JvmTraceParser {
  private JvmTraceParser() {}

  static ParsedTrace parse(String[] lines) {
    String header = null;
    List<ParsedTrace.Frame> frames = new ArrayList<>();
    boolean suppressed = false;
    String previousText = null;
    for (String raw : lines) {
      String t = raw.trim();
      if (t.startsWith("Caused by:")) {
        if (suppressed && !raw.isEmpty() && Character.isWhitespace(raw.charAt(0))) {
          continue; // a cause inside a suppressed exception
        }
        suppressed = false;
        header = t.substring("Caused by:".length()).trim();
        frames = new ArrayList<>();
        continue;
      }
      if (t.startsWith("Suppressed:")) {
        suppressed = true;
        continue;
      }
      if (suppressed) {
        continue;
      }
      if (t.startsWith("at ") && t.endsWith(")") && t.indexOf('(') > 3) {
        if (header == null) {
          header = previousText == null ? "" : previousText;
        }
        frames.add(frame(t));
      } else if (!t.isEmpty() && !t.startsWith("...") && header == null) {
        previousText = t;
      }
    }
    if (frames.isEmpty() && header == null) {
      return null;
    }
    String h = header == null ? "" : header;
    if (h.startsWith("Exception in thread \"")) {
      int q = h.indexOf('"', "Exception in thread \"".length());
      h = q >= 0 ? h.substring(q + 1).trim() : h;
    }
    String[] tm = ParsedTrace.splitTypeAndMessage(h);
    return new ParsedTrace(tm[0], tm[1], frames);
  }

  private static ParsedTrace.Frame frame(String t) {
    int paren = t.indexOf('(');
    String fn = t.substring(3, paren).trim();
    int slash = fn.indexOf('/');
    // "java.base/java.lang.Thread.run" and "app//com.x.Y.z": drop the module or loader name,
    // but not the "/0x…" inside hidden lambda class names.
    if (slash >= 0 && fn.lastIndexOf('$', slash) < 0) {
      int s = slash;
      while (s + 1 < fn.length() && fn.charAt(s + 1) == '/') {
        s++;
      }
      fn = fn.substring(s + 1);
    }
    String loc = t.substring(paren + 1, t.length() - 1);
    int colon = loc.indexOf(':');
    String file = colon >= 0 ? loc.substring(0, colon) : loc;
    return new ParsedTrace.Frame(fn, file);
  }
}
