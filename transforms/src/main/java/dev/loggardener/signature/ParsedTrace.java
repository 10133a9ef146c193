package dev.loggardener.signature;

import java.util.List;

/**
 * What a language-specific parser extracted from a stack trace: the exception type, the first line
 * of its message (raw, not yet masked) and the frames ordered innermost first, that is starting
 * with the frame that raised. Package-private glue between the parsers and {@link
 * StackTraceSignature}.
 */
final class ParsedTrace {
  final String type;
  final String message;
  final List<Frame> frames;

  ParsedTrace(String type, String message, List<Frame> frames) {
    this.type = type == null ? "" : type.trim();
    this.message = message == null ? "" : message.trim();
    this.frames = List.copyOf(frames);
  }

  /** One call site: qualified function name and source file, without line or address. */
  static final class Frame {
    final String function;
    final String file;

    Frame(String function, String file) {
      this.function = function == null ? "" : function.trim();
      this.file = file == null ? "" : file.trim();
    }
  }

  /** Splits {@code "pkg.Type: message"} into type and message; a bare type has no message. */
  static String[] splitTypeAndMessage(String line) {
    String l = line.trim();
    int colon = l.indexOf(": ");
    String head = colon >= 0 ? l.substring(0, colon) : l;
    if (colon < 0 && l.endsWith(":")) {
      head = l.substring(0, l.length() - 1);
    }
    if (!head.isEmpty() && head.indexOf(' ') < 0) {
      return new String[] {head, colon >= 0 ? l.substring(colon + 2) : ""};
    }
    return new String[] {"", l};
  }
}
