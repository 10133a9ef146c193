package dev.loggardener.signature;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Go panics and fatal errors: {@code panic: message}, then the panicking goroutine ({@code
 * goroutine 7 [running]:}) as pairs of a function line and a {@code \t/path/file.go:123 +0x1d}
 * location line. Goroutine ids, argument words and program counters are ignored. Only the first
 * goroutine is read, since the others merely happened to be alive.
 */
final class GoPanicParser {
  private GoPanicParser() {}

  static ParsedTrace parse(String[] lines) {
    String type = null;
    String message = "";
    List<ParsedTrace.Frame> frames = new ArrayList<>();
    boolean inGoroutine = false;
    String pendingFunction = null;
    for (String raw : lines) {
      String t = raw.trim();
      if (!inGoroutine) {
        if (t.startsWith("panic: ")) {
          // a re-panic prints "panic: first [recovered]" then "panic: second"; keep the last
          type = "panic";
          message = t.substring(7).replace(" [recovered]", "");
        } else if (t.startsWith("fatal error: ")) {
          type = "fatal error";
          message = t.substring(13);
        } else if (t.startsWith("goroutine ") && t.endsWith(":")) {
          inGoroutine = true;
        }
        continue;
      }
      if (t.isEmpty() || t.startsWith("goroutine ")) {
        if (!frames.isEmpty() || pendingFunction != null) {
          break;
        }
        continue;
      }
      if (raw.startsWith("\t") || raw.startsWith(" ")) {
        if (pendingFunction != null) {
          String file = t;
          int sp = file.indexOf(" +0x");
          if (sp >= 0) {
            file = file.substring(0, sp);
          }
          int colon = file.lastIndexOf(':');
          if (colon > 0) {
            file = file.substring(0, colon);
          }
          frames.add(new ParsedTrace.Frame(pendingFunction, file));
          pendingFunction = null;
        }
      } else {
        String fn = t.startsWith("created by ") ? t.substring(11) : t;
        int paren = fn.lastIndexOf('(');
        if (paren > 0 && fn.endsWith(")")) {
          fn = fn.substring(0, paren);
        }
        int in = fn.indexOf(" in goroutine ");
        if (in > 0) {
          fn = fn.substring(0, in);
        }
        pendingFunction = fn;
      }
    }
    if (type == null && frames.isEmpty()) {
      return null;
    }
    return new ParsedTrace(type == null ? "panic" : type, message, frames);
  }
}
