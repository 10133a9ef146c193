package dev.loggardener.signature;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Node.js / V8 stack traces: an {@code ErrorType: message} line followed by frames {@code at
 * fn (/path/file.js:10:5)} or {@code at /path/file.js:10:5}. Line and column numbers are dropped
 * from the location so that a redeploy does not split the group.
 */
final class NodeTraceParser {
  private NodeTraceParser() {}

  /** True if a trimmed "at …" line carries a V8 location ({@code file:line:col}). */
  static boolean isV8Frame(String t) {
    if (!t.startsWith("at ")) {
      return false;
    }
    String loc = location(t);
    return stripLineCol(loc) != loc;
  }

  static ParsedTrace parse(String[] lines) {
    String header = null;
    String previousText = null;
    List<ParsedTrace.Frame> frames = new ArrayList<>();
    for (String raw : lines) {
      String t = raw.trim();
      if (t.startsWith("at ")) {
        if (header == null) {
          header = previousText == null ? "" : previousText;
        }
        String loc = location(t);
        String fn = t.endsWith(")") && t.contains(" (") ? t.substring(3, t.lastIndexOf(" (")) : "";
        fn = fn.replace("async ", "").replace("new ", "").trim();
        frames.add(new ParsedTrace.Frame(fn.isEmpty() ? "<anonymous>" : fn, stripLineCol(loc)));
      } else if (header == null && !t.isEmpty()) {
        previousText = t;
      }
    }
    if (frames.isEmpty()) {
      return null;
    }
    String[] tm = ParsedTrace.splitTypeAndMessage(header == null ? "" : header);
    return new ParsedTrace(tm[0], tm[1], frames);
  }

  private static String location(String t) {
    if (t.endsWith(")") && t.contains(" (")) {
      return t.substring(t.lastIndexOf(" (") + 2, t.length() - 1);
    }
    return t.substring(3).trim();
  }

  /** Removes a trailing ":line:col" (or ":line"); returns the same instance if there is none. */
  static String stripLineCol(String loc) {
    int end = loc.length();
    for (int part = 0; part < 2; part++) {
      int k = end;
      while (k > 0 && Character.isDigit(loc.charAt(k - 1))) {
        k--;
      }
      if (k == end || k == 0 || loc.charAt(k - 1) != ':') {
        break;
      }
      end = k - 1;
    }
    String s = end == loc.length() ? loc : loc.substring(0, end);
    return s.startsWith("file://") ? s.substring(7) : s;
  }
}
