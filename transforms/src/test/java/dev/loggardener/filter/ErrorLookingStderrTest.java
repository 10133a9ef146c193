package dev.loggardener.filter;

import static dev.loggardener.filter.SeverityFilterTest.entry;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.loggardener.model.Severity;
import org.junit.Test;

public class ErrorLookingStderrTest {
  private static final String STDERR = "run.googleapis.com/stderr";

  private static boolean stderr(String message) {
    return ErrorLookingStderr.matches(entry(Severity.DEFAULT, STDERR, "textPayload", message));
  }

  @Test
  public void pythonTracebackStart() {
    assertTrue(stderr("Traceback (most recent call last):"));
  }

  @Test
  public void dottedPythonExceptionLine() {
    assertTrue(stderr("psycopg2.OperationalError: connection to server at \"10.8.0.3\" failed"));
  }

  @Test
  public void plainExceptionNames() {
    assertTrue(stderr("ModuleNotFoundError: No module named 'x'"));
    assertTrue(stderr("ValueError: bad"));
    assertTrue(stderr("Error: connect ECONNREFUSED 10.0.0.1:5432"));
    assertTrue(stderr("java.lang.IllegalStateException"));
    assertTrue(stderr("com.acme.FooException: nope"));
  }

  @Test
  public void exceptionOnALaterLine() {
    assertTrue(stderr("something happened\n  at foo\nKeyError: 'id'"));
  }

  @Test
  public void javaThreadAndCausedBy() {
    assertTrue(stderr("Exception in thread \"main\" java.lang.NullPointerException"));
    assertTrue(stderr("Caused by: java.net.SocketTimeoutException: Read timed out"));
  }

  @Test
  public void goPanicAndFatal() {
    assertTrue(stderr("panic: runtime error: invalid memory address or nil pointer dereference"));
    assertTrue(stderr("fatal error: all goroutines are asleep - deadlock!"));
  }

  @Test
  public void nodeUncaughtAndUnhandledRejection() {
    assertTrue(stderr("Uncaught signal: 6, pid=1, tid=1, fault_addr=0."));
    assertTrue(stderr("(node:1) UnhandledPromiseRejectionWarning: Error: x"));
  }

  @Test
  public void leadingLevelWords() {
    assertTrue(stderr("ERROR:root:Failed to connect"));
    assertTrue(stderr("CRITICAL: Enhanced middleware setup failed"));
    assertTrue(stderr("FATAL database unreachable"));
    assertTrue(stderr("[2025-06-03 14:02:11 +0000] [7] [ERROR] Exception in worker process"));
    assertTrue(stderr("2025-06-03 14:02:11,418 ERROR [main] boom"));
  }

  @Test
  public void plainInfoLinesDoNotMatch() {
    assertFalse(stderr("Listening at: http://0.0.0.0:8080 (1)"));
    assertFalse(stderr("Booting worker with pid: 7"));
    assertFalse(stderr("[2025-06-03 14:02:11 +0000] [1] [INFO] Starting gunicorn 22.0.0"));
    assertFalse(stderr("Errors: 0, warnings: 0"));
    assertFalse(stderr("error handling configured"));
    assertFalse(stderr(""));
  }

  @Test
  public void onlyDefaultSeverityQualifies() {
    assertFalse(
        ErrorLookingStderr.matches(
            entry(Severity.INFO, STDERR, "textPayload", "Traceback (most recent call last):")));
  }

  @Test
  public void nonStderrLogNeedsATextPayload() {
    assertTrue(
        ErrorLookingStderr.matches(
            entry(Severity.DEFAULT, "run.googleapis.com/stdout", "textPayload", "panic: boom")));
    assertFalse(
        ErrorLookingStderr.matches(
            entry(
                Severity.DEFAULT,
                "run.googleapis.com/stdout",
                "jsonPayload.message",
                "panic: boom")));
  }

  @Test
  public void anyProducersStderrCounts() {
    assertTrue(
        ErrorLookingStderr.matches(
            entry(Severity.DEFAULT, "my-agent/stderr", "jsonPayload.message", "panic: boom")));
  }
}
