package dev.loggardener.priority;

import static dev.loggardener.model.Severity.ALERT;
import static dev.loggardener.model.Severity.CRITICAL;
import static dev.loggardener.model.Severity.DEBUG;
import static dev.loggardener.model.Severity.DEFAULT;
import static dev.loggardener.model.Severity.ERROR;
import static dev.loggardener.model.Severity.INFO;
import static dev.loggardener.model.Severity.NOTICE;
import static dev.loggardener.model.Severity.WARNING;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.loggardener.model.Severity;
import java.util.Arrays;
import java.util.Collection;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Table of (severity, signature, sample) → expected level and a fragment of the reason. */
@RunWith(Parameterized.class)
public class PriorityClassifierTest {

  private static final String GUNICORN_TRACEBACK =
      "Traceback (most recent call last):\n"
          + "  File \"/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py\", line 608,"
          + " in spawn_worker\n"
          + "    worker.init_process()\n"
          + "  File \"/usr/local/lib/python3.11/site-packages/gunicorn/workers/gthread.py\","
          + " line 134, in init_process";

  @Parameters(name = "{index}: {0}")
  public static Collection<Object[]> cases() {
    return Arrays.asList(
        new Object[][] {
          // --- the seven clusters of the seed worklog ---
          {
            "seed 1 missing monitoring module",
            ERROR,
            "Middleware setup failure details: ModuleNotFoundError: No module named '<*>'",
            "Middleware setup failure details: ModuleNotFoundError: No module named"
                + " 'netra_backend.app.services.monitoring'",
            "P0",
            "startup failure signal \"ModuleNotFoundError\" in an ERROR cluster"
          },
          {
            "seed 2 container exit(3) logged as WARNING",
            WARNING,
            "Container called exit(<*>).",
            "Container called exit(3).",
            "P0",
            "container exit signal \"Container called exit(3)\" (non-zero exit code) in a WARNING"
          },
          {
            "seed 3 CRITICAL-prefixed text at ERROR",
            ERROR,
            "CRITICAL: Enhanced middleware setup failed: No module named '<*>'",
            "CRITICAL: Enhanced middleware setup failed: No module named"
                + " 'netra_backend.app.services.monitoring'",
            "P0",
            "P0: startup failure signal \"No module named\" in an ERROR cluster"
          },
          {
            "seed 4 gunicorn traceback",
            ERROR,
            "Traceback (most recent call last): File <*>, line <*>, in spawn_worker",
            GUNICORN_TRACEBACK,
            "P1",
            "P1: crash signal \"Traceback (most recent call last)\" in an ERROR cluster"
          },
          {
            "seed 5 malformed response 503",
            ERROR,
            "The request failed because either the HTTP response was malformed or connection to"
                + " the instance had an error.",
            "The request failed because either the HTTP response was malformed or connection to"
                + " the instance had an error.",
            "P2",
            "P2: ERROR cluster without startup or crash signals"
          },
          {
            "seed 6 sentry sdk warning",
            WARNING,
            "Sentry SDK not available - install sentry-sdk[fastapi] to enable error tracking",
            "Sentry SDK not available - install sentry-sdk[fastapi] to enable error tracking",
            "P3",
            "P3: WARNING cluster (below ERROR)"
          },
          {
            "seed 7 SERVICE_ID whitespace",
            WARNING,
            "SERVICE_ID contained whitespace - sanitized from '<*>' to '<*>'",
            "SERVICE_ID contained whitespace - sanitized from 'netra-backend\n' to 'netra-backend'",
            "P3",
            "P3: WARNING cluster"
          },
          // --- P0 by severity and by each signal family ---
          {"critical severity", CRITICAL, "disk usage high", "disk usage high", "P0", "CRITICAL"},
          {"alert severity", ALERT, "x", "x", "P0", "severity ALERT is CRITICAL or above"},
          {
            "ImportError at INFO",
            INFO,
            "ImportError: cannot import name 'x'",
            "",
            "P0",
            "ImportError"
          },
          {
            "java class missing",
            ERROR,
            "",
            "java.lang.ClassNotFoundException: com.x.Y",
            "P0",
            "ClassNotFoundException"
          },
          {
            "java NoClassDefFoundError",
            WARNING,
            "NoClassDefFoundError: <*>",
            "",
            "P0",
            "NoClassDefFoundError"
          },
          {
            "node cannot find module",
            ERROR,
            "Error: Cannot find module '<*>'",
            "",
            "P0",
            "Cannot find module"
          },
          {
            "lowercase no module named",
            DEFAULT,
            "",
            "no module named yaml",
            "P0",
            "\"no module named\""
          },
          {"exit literal in signature", WARNING, "Container called exit(1).", "", "P0", "exit(1)"},
          {
            "exit negative",
            WARNING,
            "Container called exit(<*>).",
            "Container called exit(-1).",
            "P0",
            "exit(-1)"
          },
          {
            "OOM java",
            ERROR,
            "java.lang.OutOfMemoryError: Java heap space",
            "",
            "P0",
            "out-of-memory signal \"OutOfMemoryError\""
          },
          {
            "OOM cloud run",
            ERROR,
            "Memory limit of <*> MiB exceeded with <*> MiB used.",
            "",
            "P0",
            "Memory limit of <*> MiB exceeded"
          },
          {"OOM python", ERROR, "MemoryError", "", "P0", "\"MemoryError\""},
          {
            "OOM gunicorn sigkill",
            ERROR,
            "",
            "Worker (pid:7) was sent SIGKILL! Perhaps out of memory?",
            "P0",
            "out of memory"
          },
          {"OOMKilled", NOTICE, "Container terminated: OOMKilled", "", "P0", "OOMKilled"},
          {"failed to start", WARNING, "Application failed to start", "", "P0", "failed to start"},
          {
            "startup probe",
            WARNING,
            "Default STARTUP TCP probe failed 1 time consecutively for container <*>",
            "",
            "P0",
            "Default STARTUP TCP probe failed"
          },
          {
            "k8s crashloop",
            INFO,
            "Back-off restarting failed container: CrashLoopBackOff",
            "",
            "P0",
            "CrashLoopBackOff"
          },
          {"gunicorn boot", ERROR, "Worker failed to boot.", "", "P0", "Worker failed to boot"},
          // --- P1 crash signals ---
          {"uncaught node", ERROR, "Uncaught TypeError: x is undefined", "", "P1", "Uncaught"},
          {
            "unhandled rejection",
            ERROR,
            "UnhandledPromiseRejectionWarning: boom",
            "",
            "P1",
            "Unhandled"
          },
          {
            "java thread",
            ERROR,
            "Exception in thread \"main\" java.lang.IllegalStateException",
            "",
            "P1",
            "Exception in thread"
          },
          {"go panic", ERROR, "panic: runtime error: index out of range", "", "P1", "panic:"},
          {
            "go fatal",
            ERROR,
            "fatal error: all goroutines are asleep - deadlock!",
            "",
            "P1",
            "fatal error:"
          },
          {"segfault", ERROR, "Segmentation fault (core dumped)", "", "P1", "Segmentation fault"},
          {"sigsegv", ERROR, "signal SIGSEGV: segmentation violation", "", "P1", "SIGSEGV"},
          {
            "gunicorn worker exited",
            ERROR,
            "Worker (pid:<*>) exited with code <*>",
            "",
            "P1",
            "Worker (pid:<*>) exited"
          },
          {"worker exiting", ERROR, "Worker exiting (pid: <*>)", "", "P1", "Worker exiting"},
          {"worker timeout", CRITICAL, "WORKER TIMEOUT (pid:<*>)", "", "P0", "CRITICAL"},
          {"worker timeout error", ERROR, "WORKER TIMEOUT (pid:<*>)", "", "P1", "WORKER TIMEOUT"},
          {
            "traceback on stderr DEFAULT",
            DEFAULT,
            "",
            GUNICORN_TRACEBACK,
            "P1",
            "in a DEFAULT cluster"
          },
          {"null severity traceback", null, null, GUNICORN_TRACEBACK, "P1", "DEFAULT"},
          // --- negatives ---
          {
            "exit(0) at INFO",
            INFO,
            "Container called exit(0).",
            "Container called exit(0).",
            "P3",
            "INFO cluster"
          },
          {
            "exit(0) at WARNING",
            WARNING,
            "Container called exit(<*>).",
            "Container called exit(0).",
            "P3",
            "WARNING cluster"
          },
          {
            "exit(0) at ERROR",
            ERROR,
            "Container called exit(0).",
            "Container called exit(0).",
            "P2",
            "P2"
          },
          {
            "masked exit, sample without number",
            WARNING,
            "Container called exit(<*>).",
            "",
            "P3",
            "P3"
          },
          {
            "literal exit(0) in signature beats sample",
            WARNING,
            "Container called exit(0).",
            "Container called exit(3).",
            "P3",
            "P3"
          },
          {
            "word import is not ImportError",
            ERROR,
            "Data import finished with <*> warnings",
            "Data import finished with 2 warnings",
            "P2",
            "P2"
          },
          {"import error words", WARNING, "import error count=0", "", "P3", "P3"},
          {"MemoryErrorHandler is not OOM", ERROR, "MemoryErrorHandler registered", "", "P2", "P2"},
          {
            "traceback below ERROR",
            WARNING,
            "",
            GUNICORN_TRACEBACK,
            "P3",
            "does not raise priority below ERROR"
          },
          {
            "plain DEFAULT error line",
            DEFAULT,
            "error: connection refused",
            "",
            "P2",
            "DEFAULT-severity"
          },
          {"debug", DEBUG, "cache miss", "", "P3", "DEBUG cluster"},
          {"all null", null, null, null, "P2", "DEFAULT-severity"},
        });
  }

  private final Severity severity;
  private final String signature;
  private final String sample;
  private final String expectedLevel;
  private final String reasonFragment;

  public PriorityClassifierTest(
      String name,
      Severity severity,
      String signature,
      String sample,
      String expectedLevel,
      String reasonFragment) {
    this.severity = severity;
    this.signature = signature;
    this.sample = sample;
    this.expectedLevel = expectedLevel;
    this.reasonFragment = reasonFragment;
  }

  @Test
  public void classifies() {
    Priority p = new PriorityClassifier().classify(severity, signature, sample);
    assertThat(p.reason(), p.level(), equalTo(expectedLevel));
    assertThat(p.reason(), startsWith(expectedLevel + ": "));
    assertThat(p.reason(), containsString(reasonFragment));
  }
}
