package dev.loggardener.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Ruby backtraces in the two shapes that reach logs. The interpreter's own report of an
 * uncaught exception puts the first frame, the message and the class on one line ({@code
 * app/models/user.rb:12:in 'save!': undefined method 'name' for nil (NoMethodError)}) and the
 * callers on {@code from …} lines; loggers and Rails print a header ({@code NoMethodError: msg},
 * {@code msg (NoMethodError)} or {@code NoMethodError (msg):}) followed by one frame per line.
 * Frames read {@code path.rb:LINE:in 'method'} with a backtick or a straight opening quote (Ruby
 * 3.4); the line number is dropped.
 */
final class RubyTraceParser {
  private static final Pattern FRAME =
      Pattern.compile(
          "^(?:from\\s+)?(\\S+?\\.rb|<internal:[^>]{1,100}>):\\d+:in [`'](.{1,300}?)'(?::\\s(.*))?$");
  private static final Pattern TRAILING_TYPE =
      Pattern.compile("^(.*) \\(([A-Z][A-Za-z0-9_:]*)\\)$");
  private static final Pattern LEADING_TYPE =
      Pattern.compile("^([A-Z][A-Za-z0-9_:]*) \\((.*)\\):?$");

  private RubyTraceParser() {}

  /** True if some line is a Ruby frame. */
  static boolean looksLikeRuby(String[] lines) {
    for (String raw : lines) {
      String t = raw.trim();
      if ((t.contains(".rb:") || t.startsWith("<internal:"))
          && t.contains(":in ")
          && FRAME.matcher(t).matches()) {
        return true;
      }
    }
    return false;
  }

  static ParsedTrace parse(String[] lines) {
    String type = "";
    String message = "";
    String previousText = null;
    boolean headerDone = false;
    List<ParsedTrace.Frame> frames = new ArrayList<>();
    for (String raw : lines) {
      String t = raw.trim();
      if (t.isEmpty()) {
        continue;
      }
      Matcher m = FRAME.matcher(t);
      if (!m.matches()) {
        if (frames.isEmpty()) {
          previousText = t;
        }
        continue;
      }
      frames.add(new ParsedTrace.Frame(m.group(2), m.group(1)));
      if (!headerDone) {
        headerDone = true;
        String inline = m.group(3);
        String[] tm = header(inline != null ? inline : previousText);
        type = tm[0];
        message = tm[1];
      }
    }
    if (frames.isEmpty()) {
      return null;
    }
    return new ParsedTrace(type, message, frames);
  }

  /** Type and message from a header line in any of the three shapes. */
  private static String[] header(String line) {
    if (line == null) {
      return new String[] {"", ""};
    }
    Matcher trailing = TRAILING_TYPE.matcher(line);
    if (trailing.matches()) {
      return new String[] {trailing.group(2), trailing.group(1)};
    }
    Matcher leading = LEADING_TYPE.matcher(line);
    if (leading.matches()) {
      return new String[] {leading.group(1), leading.group(2)};
    }
    return ParsedTrace.splitTypeAndMessage(line);
  }
}
