package dev.loggardener.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses CPython tracebacks. With chained exceptions ("During handling of the above exception…",
 * "The above exception was the direct cause…") only the last traceback block is used, because it
 * belongs to the exception that was finally raised and logged. Text before the first {@code
 * Traceback} line (a log prefix such as "Unhandled error while fetching order …") is ignored so
 * that the same failure groups regardless of the caller's wording.
 */
final class PythonTraceParser {
  static final String MARKER = "Traceback (most recent call last):";

  private PythonTraceParser() {}

  static ParsedTrace parse(String text) {
    int idx = text.lastIndexOf(MARKER);
    if (idx < 0) {
      return null;
    }
    String[] lines = text.substring(idx + MARKER.length()).split("\n", -1);
    List<ParsedTrace.Frame> frames = new ArrayList<>();
    int lastFrameLine = -1;
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].trim();
      if (t.startsWith("File \"")) {
        int q = t.indexOf('"', 6);
        if (q < 0) {
          continue;
        }
        String file = t.substring(6, q);
        int in = t.indexOf(", in ", q);
        String fn = in >= 0 ? t.substring(in + 5).trim() : "";
        frames.add(new ParsedTrace.Frame(fn, file));
        lastFrameLine = i;
      }
    }
    String exceptionLine = null;
    for (int i = lastFrameLine + 1; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank() || Character.isWhitespace(l.charAt(0))) {
        continue;
      }
      exceptionLine = l;
      break;
    }
    if (exceptionLine == null) {
      // Some loggers indent everything; fall back to the last line that reads like "Type: msg".
      for (int i = lines.length - 1; i > lastFrameLine && i >= 0; i--) {
        String[] tm = ParsedTrace.splitTypeAndMessage(lines[i]);
        if (!tm[0].isEmpty() && !tm[1].isEmpty()) {
          exceptionLine = lines[i];
          break;
        }
      }
    }
    if (frames.isEmpty() && exceptionLine == null) {
      return null;
    }
    Collections.reverse(frames); // Python prints the innermost call last
    if (exceptionLine == null) {
      return new ParsedTrace("Traceback", "(no exception line)", frames);
    }
    String[] tm = ParsedTrace.splitTypeAndMessage(exceptionLine);
    return new ParsedTrace(tm[0], tm[1], frames);
  }
}
