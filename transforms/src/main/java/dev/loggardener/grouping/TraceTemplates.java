package dev.loggardener.grouping;

/**
 * How the learning stage reads a stack-trace signature ({@code Type: message | at frame (file) |
 * ...}): its <em>key</em> is the exception type and the in-app frames, the part that says which bug
 * it is; only the message between them is learned, among traces of one key. Traces of different
 * types or frames never share a group, whatever their messages.
 */
final class TraceTemplates {
  /** What the trace signer writes before each frame. */
  static final String FRAMES = " | at ";

  private TraceTemplates() {}

  /** Whether {@code template} is a stack-trace signature (or a pattern learned from some). */
  static boolean is(String template) {
    return template.contains(FRAMES);
  }

  /**
   * The exception type and the frames of a trace template or pattern, as one string, or null when
   * it is not a trace: two traces may share a group only when their keys are equal.
   */
  static String key(String template) {
    int frames = template.indexOf(FRAMES);
    if (frames < 0) {
      return null;
    }
    int colon = template.indexOf(": ");
    String type =
        colon >= 0 && colon < frames ? template.substring(0, colon) : template.substring(0, frames);
    return type + '\u0000' + template.substring(frames);
  }
}
