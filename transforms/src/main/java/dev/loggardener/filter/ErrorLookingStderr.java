package dev.loggardener.filter;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.util.regex.Pattern;

/**
 * The rule that keeps error-looking unstructured output below the severity threshold. Text written
 * to stdout/stderr without structured logging arrives with no severity (DEFAULT), so a threshold
 * alone drops tracebacks. An entry matches when <b>all</b> of these hold:
 *
 * <ol>
 *   <li>its severity is DEFAULT;
 *   <li>its log id ends with {@code stderr} (any producer, e.g. {@code run.googleapis.com/stderr})
 *       <b>or</b> its message came from {@code textPayload} (an unstructured line on any log);
 *   <li>its message plainly carries an error: at the start of a line (leading blanks allowed) one
 *       of
 *       <ul>
 *         <li>a Python traceback start {@code Traceback (most recent call last):};
 *         <li>an exception name: {@code SomeError: …}, {@code SomeException: …}, {@code Error: …},
 *             or a dotted name ending in Error/Exception such as {@code x.y.FooException} or {@code
 *             psycopg2.OperationalError: …};
 *         <li>Java {@code Exception in thread …} or {@code Caused by: …};
 *         <li>Go {@code panic: …} or {@code fatal error: …};
 *         <li>Node {@code Uncaught …}, or {@code UnhandledPromiseRejection} anywhere;
 *         <li>an upper-case level word {@code FATAL}, {@code CRITICAL} or {@code ERROR} leading the
 *             line, optionally after bracketed or timestamp prefixes ({@code [2025-06-03 14:02:11
 *             +0000] [7] [ERROR] …}, {@code ERROR:root:…}).
 *       </ul>
 * </ol>
 *
 * <p>Plain information lines such as {@code Listening at: http://0.0.0.0:8080 (1)} or {@code
 * Booting worker with pid: 7} do not match. Only the first {@value #SCAN_CHARS} characters are
 * examined, to bound the cost per entry. Note: LogEntry cannot tell an absent severity from an
 * explicit DEFAULT, so "no severity at all" is read as DEFAULT.
 */
public final class ErrorLookingStderr {
  /** How much of a message is examined. */
  public static final int SCAN_CHARS = 8192;

  private static final Pattern ERROR_LINE =
      Pattern.compile(
          "^[ \\t]*(?:"
              + "Traceback \\(most recent call last\\):"
              + "|(?:[A-Za-z_$][\\w$]*\\.)*[\\w$]*(?:Error|Exception)(?::(?:\\s|$)|[ \\t]*$)"
              + "|Exception in thread "
              + "|Caused by: "
              + "|panic: "
              + "|fatal error: "
              + "|Uncaught\\b"
              + "|(?:\\[[^\\]\\n]{0,64}\\][ \\t]*|\\d[\\d\\-:T.,/Z+]*[ \\t]+)*"
              + "\\[?(?:FATAL|CRITICAL|ERROR)\\b"
              + ")"
              + "|UnhandledPromiseRejection",
          Pattern.MULTILINE);

  private ErrorLookingStderr() {}

  public static boolean matches(LogEntry e) {
    if (e.severity() != Severity.DEFAULT) {
      return false;
    }
    if (!e.logId().endsWith("stderr") && !"textPayload".equals(e.messageField())) {
      return false;
    }
    return looksLikeError(e.message());
  }

  /** The message part of the rule alone. */
  public static boolean looksLikeError(String message) {
    if (message == null || message.isEmpty()) {
      return false;
    }
    CharSequence head =
        message.length() > SCAN_CHARS ? message.subSequence(0, SCAN_CHARS) : message;
    return ERROR_LINE.matcher(head).find();
  }
}
