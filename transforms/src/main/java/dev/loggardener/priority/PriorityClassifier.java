package dev.loggardener.priority;

import dev.loggardener.model.Severity;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Priority v1: assigns P0–P3 to a cluster from its highest severity, its signature and one sample
 * message. The rules look for the failures that took services down in the worklogs we imitate
 * (missing modules, exit loops, OOM, failed startup probes) because those arrive at any severity —
 * Cloud Run logs {@code Container called exit(3).} as WARNING — and a severity-only rule would
 * file the outage's root cause under P3. Signals are searched in the signature first, then in
 * the sample; matching is case-insensitive and word-bounded so that e.g. "Data import finished"
 * is not an {@code ImportError}. Pure and stateless, hence thread-safe and cheap to serialize.
 *
 * <p>Rules, first match wins:
 *
 * <pre>
 * | Level | Rule                    | Severity                  | Signals (case-insensitive, in signature or sample)                  |
 * |-------|-------------------------|---------------------------|---------------------------------------------------------------------|
 * | P0    | Severity                | CRITICAL, ALERT, EMERGENCY| any cluster                                                         |
 * | P0    | Missing module or class | any                       | ModuleNotFoundError, No module named, ImportError,                  |
 * |       |                         |                           | ClassNotFoundException, NoClassDefFoundError, Cannot find module    |
 * | P0    | Container exit          | any                       | Container called exit(N), N != 0 (a masked N in the signature       |
 * |       |                         |                           | counts only when the sample shows a non-zero code)                  |
 * | P0    | Out of memory           | any                       | OutOfMemoryError, Memory limit of … exceeded, MemoryError,          |
 * |       |                         |                           | out of memory, OOMKilled                                            |
 * | P0    | Startup failure         | any                       | failed to start, startup probe failed, Default STARTUP TCP probe    |
 * |       |                         |                           | failed, CrashLoopBackOff, Worker failed to boot                     |
 * | P1    | Crash                   | ERROR, or DEFAULT         | Traceback (most recent call last), Unhandled…, Uncaught…,           |
 * |       |                         |                           | Exception in thread, panic:, fatal error:, segmentation fault,      |
 * |       |                         |                           | SIGSEGV, worker … exited, Worker exiting, WORKER TIMEOUT            |
 * | P2    | Other error             | ERROR, or DEFAULT         | none of the above (DEFAULT entries reach a cluster only when they   |
 * |       |                         |                           | look like errors)                                                   |
 * | P3    | Warning or below        | WARNING, NOTICE and below | anything; crash text below ERROR does not raise the level           |
 * </pre>
 *
 * <p>The reason names the rule and quotes the text that triggered it, for example {@code P0:
 * startup failure signal "No module named" in an ERROR cluster}.
 */
public final class PriorityClassifier implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Quoted evidence is cut so a reason stays one readable line in reports and BigQuery. */
  private static final int MAX_QUOTE = 60;

  private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private static final String STARTUP = "startup failure signal";
  private static final String OOM = "out-of-memory signal";

  private static final List<Signal> P0_MISSING =
      List.of(
          signal(STARTUP, "\\bModuleNotFoundError\\b"),
          signal(STARTUP, "\\bNo module named\\b"),
          signal(STARTUP, "\\bImportError\\b"),
          signal(STARTUP, "\\bClassNotFoundException\\b"),
          signal(STARTUP, "\\bNoClassDefFoundError\\b"),
          signal(STARTUP, "\\bCannot find module\\b"));

  /** Group 1 is the exit code as written: digits, or the signature's mask. */
  private static final Pattern EXIT =
      Pattern.compile("\\bContainer called exit\\(\\s*(-?\\d+|<\\*>)\\s*\\)", CI);

  private static final List<Signal> P0_OOM_AND_STARTUP =
      List.of(
          signal(OOM, "\\bOutOfMemoryError\\b"),
          // Cloud Run: "Memory limit of 512 MiB exceeded with 530 MiB used."
          signal(OOM, "\\bMemory limit of [^\\n]{1,40}? exceeded\\b"),
          signal(OOM, "\\bMemoryError\\b"),
          signal(OOM, "\\bout of memory\\b"),
          signal(OOM, "\\bOOMKilled\\b"),
          signal(STARTUP, "\\bfailed to start\\b"),
          // Also covers Cloud Run's "Default STARTUP TCP probe failed 1 time consecutively".
          signal(STARTUP, "\\b(?:Default )?startup (?:tcp |http |grpc )?probe failed\\b"),
          signal(STARTUP, "\\bCrashLoopBackOff\\b"),
          signal(STARTUP, "\\bWorker failed to boot\\b"));

  private static final List<Signal> P1_CRASH =
      List.of(
          signal("crash signal", "\\bTraceback \\(most recent call last\\)"),
          // Prefix only: UnhandledPromiseRejection, UncaughtException… are the common spellings.
          signal("crash signal", "\\b(?:Unhandled|Uncaught)"),
          signal("crash signal", "\\bException in thread\\b"),
          signal("crash signal", "\\bpanic:"),
          signal("crash signal", "\\bfatal error:"),
          signal("crash signal", "\\bsegmentation fault\\b"),
          signal("crash signal", "\\bSIGSEGV\\b"),
          // gunicorn: "Worker (pid:12) exited with code 3".
          signal("crash signal", "\\bworker\\b[^\\n]{0,80}?\\bexited\\b"),
          signal("crash signal", "\\bWorker exiting\\b"),
          signal("crash signal", "\\bWORKER TIMEOUT\\b"));

  /**
   * Classifies one cluster. Any argument may be null: a null severity is treated as DEFAULT
   * (Cloud Logging's "no severity"), null text as empty.
   */
  public Priority classify(Severity maxSeverity, String signature, String sampleMessage) {
    Severity sev = maxSeverity == null ? Severity.DEFAULT : maxSeverity;
    String sig = signature == null ? "" : signature;
    String sample = sampleMessage == null ? "" : sampleMessage;
    String where = " in " + article(sev) + " " + sev.name() + " cluster";

    if (sev.atLeast(Severity.CRITICAL)) {
      return Priority.of("P0", "P0: severity " + sev.name() + " is CRITICAL or above");
    }
    Evidence e = find(P0_MISSING, sig, sample);
    if (e != null) {
      return Priority.of("P0", "P0: " + e + where);
    }
    String exit = nonZeroExit(sig, sample);
    if (exit != null) {
      return Priority.of(
          "P0", "P0: container exit signal \"" + exit + "\" (non-zero exit code)" + where);
    }
    e = find(P0_OOM_AND_STARTUP, sig, sample);
    if (e != null) {
      return Priority.of("P0", "P0: " + e + where);
    }

    boolean errorLike = sev.atLeast(Severity.ERROR) || sev == Severity.DEFAULT;
    Evidence crash = find(P1_CRASH, sig, sample);
    if (errorLike && crash != null) {
      return Priority.of("P1", "P1: " + crash + where);
    }
    if (sev.atLeast(Severity.ERROR)) {
      return Priority.of("P2", "P2: ERROR cluster without startup or crash signals");
    }
    if (sev == Severity.DEFAULT) {
      return Priority.of(
          "P2", "P2: DEFAULT-severity cluster kept as error-looking, without startup or crash"
              + " signals");
    }
    if (crash != null) {
      return Priority.of(
          "P3", "P3: " + sev.name() + " cluster; " + crash + " does not raise priority below ERROR");
    }
    return Priority.of("P3", "P3: " + sev.name() + " cluster (below ERROR)");
  }

  /**
   * The matched exit text when the cluster's exit code is non-zero, else null. A literal code in
   * the signature speaks for the whole cluster; a masked one defers to the sample, which keeps the
   * number, and an unknowable code is not treated as a crash.
   */
  private static String nonZeroExit(String sig, String sample) {
    Matcher m = EXIT.matcher(sig);
    if (m.find() && !m.group(1).equals("<*>")) {
      return isNonZero(m.group(1)) ? quote(m.group()) : null;
    }
    Matcher s = EXIT.matcher(sample);
    while (s.find()) {
      if (!s.group(1).equals("<*>") && isNonZero(s.group(1))) {
        return quote(s.group());
      }
    }
    return null;
  }

  private static boolean isNonZero(String digits) {
    // Codes beyond long range are still "some non-zero code"; no need to parse them exactly.
    return !digits.replaceFirst("^-?0*", "").isEmpty();
  }

  private static Evidence find(List<Signal> signals, String sig, String sample) {
    for (Signal s : signals) {
      Matcher m = s.pattern.matcher(sig);
      if (m.find()) {
        return new Evidence(s.kind, m.group());
      }
      m = s.pattern.matcher(sample);
      if (m.find()) {
        return new Evidence(s.kind, m.group());
      }
    }
    return null;
  }

  private static String article(Severity s) {
    return "AEIOU".indexOf(s.name().charAt(0)) >= 0 ? "an" : "a";
  }

  /** Single line, bounded, no control characters: reasons end up in markdown and BigQuery. */
  private static String quote(String matched) {
    String q = matched.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    return q.length() <= MAX_QUOTE ? q : q.substring(0, MAX_QUOTE) + "…";
  }

  private static Signal signal(String kind, String regex) {
    return new Signal(kind, Pattern.compile(regex, CI));
  }

  private static final class Signal {
    final String kind;
    final Pattern pattern;

    Signal(String kind, Pattern pattern) {
      this.kind = kind;
      this.pattern = pattern;
    }
  }

  private static final class Evidence {
    final String kind;
    final String text;

    Evidence(String kind, String matched) {
      this.kind = kind;
      this.text = quote(matched);
    }

    @Override
    public String toString() {
      return kind + " \"" + text + "\"";
    }
  }

  @Override
  public String toString() {
    return "PriorityClassifier(v1)";
  }
}
