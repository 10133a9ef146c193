package dev.loggardener.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses .NET {@code Exception.ToString()} output: {@code Type: message}, inner exceptions chained
 * on the header with {@code " ---> "}, then frames {@code at Ns.Class.Method(args) in
 * /path/File.cs:line 42} innermost first. The signature uses the innermost exception, like the JVM
 * root cause, because wrappers such as {@code AggregateException} or {@code DbUpdateException} are
 * shared by unrelated failures. Frames are read across the {@code --- End of inner exception stack
 * trace ---} markers: the innermost exception's frames come first and the wrappers' frames continue
 * with its callers, which is where the application code usually is when the innermost exception
 * came from the framework. Native error codes ({@code SocketException (111)}), argument lists, line
 * numbers and compiler-generated numbers in async and lambda names ({@code <GetAsync>d__5}, {@code
 * <>c__DisplayClass3_0}) are dropped.
 */
final class DotNetTraceParser {
  static final String END_OF_INNER = "--- End of inner exception stack trace ---";
  private static final String INNER_ARROW = "---> ";
  private static final Pattern GENERATED =
      Pattern.compile("(__|DisplayClass|lambda_method)[0-9]+(_[0-9]+)?");
  private static final Pattern ERROR_CODE = Pattern.compile("^(\\S+) \\(-?(0x)?[0-9A-Fa-f]+\\)");

  private DotNetTraceParser() {}

  /**
   * True if these lines read like a .NET trace: an inner-exception marker, or a frame with {@code )
   * in …:line N}, or a frame whose parentheses hold .NET arguments ({@code ()} or {@code Int32 id})
   * rather than a JVM location ({@code File.java:42}).
   */
  static boolean looksLikeDotNet(String[] lines) {
    for (String raw : lines) {
      String t = raw.trim();
      if (t.startsWith(END_OF_INNER) || t.startsWith(INNER_ARROW)) {
        return true;
      }
      if (t.startsWith("at ") && t.indexOf('(') > 3) {
        if (t.contains(") in ") && t.contains(":line ")) {
          return true;
        }
        String args = t.substring(t.indexOf('(') + 1, t.length() - (t.endsWith(")") ? 1 : 0));
        if (t.endsWith("()")
            || (args.indexOf(' ') > 0
                && !args.equals("Unknown Source")
                && !args.equals("Native Method")
                && args.indexOf(':') < 0)) {
          return true;
        }
      }
    }
    return false;
  }

  static ParsedTrace parse(String[] lines) {
    String header = null;
    List<ParsedTrace.Frame> frames = new ArrayList<>();
    for (String raw : lines) {
      String t = raw.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (t.startsWith("at ")) {
        frames.add(frame(t));
      } else if (t.startsWith("--- ")) {
        // "--- End of inner exception stack trace ---" and "--- End of stack trace from
        // previous location ---": the frames go on with the callers, so the whole list, read
        // in order, still runs from the deepest call outwards
        continue;
      } else if (frames.isEmpty()) {
        // header lines: the last " ---> " segment is the innermost exception
        String h = t;
        int arrow = h.lastIndexOf(INNER_ARROW);
        if (arrow >= 0) {
          h = h.substring(arrow + INNER_ARROW.length());
        }
        if (header == null || arrow >= 0) {
          header = h;
        }
      }
    }
    if (header == null && frames.isEmpty()) {
      return null;
    }
    String h = header == null ? "" : ERROR_CODE.matcher(header).replaceFirst("$1");
    String[] tm = ParsedTrace.splitTypeAndMessage(h);
    return new ParsedTrace(tm[0], tm[1], frames);
  }

  private static ParsedTrace.Frame frame(String t) {
    String body = t.substring(3);
    String file = "";
    int in = body.lastIndexOf(") in ");
    if (in >= 0) {
      file = body.substring(in + 5);
      int line = file.lastIndexOf(":line ");
      if (line >= 0) {
        file = file.substring(0, line);
      }
      body = body.substring(0, in + 1);
    }
    int paren = body.indexOf('(');
    String fn = paren > 0 ? body.substring(0, paren) : body;
    return new ParsedTrace.Frame(
        GENERATED.matcher(fn).replaceAll("$1" + SignatureNormalizer.MASK), file);
  }
}
