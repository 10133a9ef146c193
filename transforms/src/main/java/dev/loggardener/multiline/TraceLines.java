package dev.loggardener.multiline;

import java.util.regex.Pattern;

/**
 * Recognizes, one line at a time, the shapes a stack trace takes when a runtime prints it to
 * stderr: Python tracebacks (with chained {@code During handling…} / {@code The above exception…}
 * blocks), Java/Kotlin exception headers with {@code at} frames and {@code Caused by:} chains, Go
 * panics with their goroutine dumps, and Node.js errors with their {@code at} frames. These are
 * deliberately small, anchored patterns: they run on every severity-less stdout/stderr line.
 */
public final class TraceLines {
  private TraceLines() {}

  private static final Pattern PY_START =
      Pattern.compile("^Traceback \\(most recent call last\\):\\s*$");
  private static final Pattern PY_CHAIN =
      Pattern.compile(
          "^(?:During handling of the above exception, another exception occurred:"
              + "|The above exception was the direct cause of the following exception:)\\s*$");

  /** A Python exception line: a (dotted) identifier, optionally followed by {@code : message}. */
  private static final Pattern PY_EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(?::.*)?$");

  private static final Pattern JVM_HEADER =
      Pattern.compile(
          "^(?:Exception in thread \".*\" .*"
              + "|(?:[A-Za-z_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error|Throwable)(?::.*)?)$");
  private static final Pattern NODE_HEADER =
      Pattern.compile("^(?:Uncaught )?(?:[A-Z][\\w$]*)?Error(?: \\[[A-Z_]+\\])?(?::.*)?$");
  private static final Pattern AT_FRAME = Pattern.compile("^\\s+at .*");
  private static final Pattern JVM_CONTINUATION =
      Pattern.compile(
          "^\\s*(?:Caused by: .*|Suppressed: .*|\\.\\.\\. \\d+ (?:more|common frames omitted).*)$");

  private static final Pattern GO_START = Pattern.compile("^(?:panic: |fatal error: ).*");
  private static final Pattern GO_GOROUTINE = Pattern.compile("^goroutine \\d+ \\[.*\\]:\\s*$");
  private static final Pattern GO_FUNCTION = Pattern.compile("^[\\w./*()\\[\\]{},-]+\\(.*\\)$");
  private static final Pattern GO_OTHER =
      Pattern.compile("^(?:created by .*|\\[signal .*|exit status \\d+|panic: .*|\\t.*)$");

  public static boolean isPythonStart(String line) {
    return PY_START.matcher(line).matches();
  }

  public static boolean isPythonChain(String line) {
    return PY_CHAIN.matcher(line).matches();
  }

  public static boolean isPythonException(String line) {
    return PY_EXCEPTION.matcher(line).matches();
  }

  /** An indented line: a Python frame, its source line or a caret marker. */
  public static boolean isIndented(String line) {
    return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
  }

  /** A Java/Kotlin or Node.js exception header that a run of {@code at} frames may follow. */
  public static boolean isThrowableHeader(String line) {
    return JVM_HEADER.matcher(line).matches() || NODE_HEADER.matcher(line).matches();
  }

  public static boolean isAtFrame(String line) {
    return AT_FRAME.matcher(line).matches();
  }

  /** {@code at} frames and the lines that chain JVM exceptions together. */
  public static boolean isThrowableContinuation(String line) {
    return isAtFrame(line) || JVM_CONTINUATION.matcher(line).matches();
  }

  public static boolean isGoStart(String line) {
    return GO_START.matcher(line).matches();
  }

  public static boolean isGoGoroutine(String line) {
    return GO_GOROUTINE.matcher(line).matches();
  }

  /** A line of a Go goroutine dump after the header: function, file, created-by, blank. */
  public static boolean isGoContinuation(String line) {
    return line.isBlank()
        || isGoGoroutine(line)
        || GO_FUNCTION.matcher(line).matches()
        || GO_OTHER.matcher(line).matches();
  }

  /**
   * Whether a line could be part of a multi-line trace at all. Lines that cannot are passed on at
   * once instead of waiting for the gap; being generous here only costs a short delay.
   */
  public static boolean couldBePartOfTrace(String line) {
    return line.isBlank()
        || isIndented(line)
        || isPythonStart(line)
        || isPythonChain(line)
        || isPythonException(line)
        || isThrowableHeader(line)
        || isThrowableContinuation(line)
        || isGoStart(line)
        || isGoContinuation(line);
  }
}
