package dev.loggardener.multiline;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;

/**
 * Which entries may be one line of a stack trace split across entries: unstructured text ({@code
 * textPayload}) of a single line, without a severity, on a stdout or stderr log. Runtimes that
 * print tracebacks themselves write exactly these; everything else (structured logs, request logs,
 * system logs, entries that already carry several lines) bypasses reassembly, so its cost stays on
 * the few entries that need it.
 */
public final class SplitTraceCandidates {
  private SplitTraceCandidates() {}

  public static boolean isCandidate(LogEntry e) {
    if (e.severity() != Severity.DEFAULT || !"textPayload".equals(e.messageField())) {
      return false;
    }
    String logId = e.logId();
    if (!logId.endsWith("stderr") && !logId.endsWith("stdout")) {
      return false;
    }
    return TraceAssembler.text(e).indexOf('\n') < 0;
  }

  /**
   * A candidate that {@link ReassembleSplitTraces} would buffer: one that could be part of a trace.
   * It passes every other candidate on at once, unchanged, so a step that sends only these lines to
   * it and handles the rest itself gets the same entries.
   */
  public static boolean needsReassembly(LogEntry e) {
    return isCandidate(e) && TraceLines.couldBePartOfTrace(TraceAssembler.text(e));
  }

  /** The stream a line belongs to: lines of one trace share service, log and instance. */
  public static String streamKey(LogEntry e) {
    return e.service() + '\u0000' + e.logName() + '\u0000' + e.instanceId();
  }
}
