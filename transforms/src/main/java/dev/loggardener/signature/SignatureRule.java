package dev.loggardener.signature;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One user rule from a signature rules file: a name, a regular expression searched for in the
 * message, and an optional scope (a service and/or a log). Used for custom fingerprints, extra
 * masks and ignore rules alike; the file says which. Remembers its line for error messages.
 */
public final class SignatureRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final Pattern match;
  private final String service;
  private final String log;
  private final int line;

  public SignatureRule(String name, Pattern match, String service, String log, int line) {
    this.name = Objects.requireNonNull(name, "name");
    this.match = Objects.requireNonNull(match, "match");
    this.service = service;
    this.log = log;
    this.line = line;
  }

  public String name() {
    return name;
  }

  public Pattern match() {
    return match;
  }

  /** The service this rule is limited to, or null for every service. */
  public String service() {
    return service;
  }

  /**
   * The log (decoded log id such as {@code run.googleapis.com/stderr}, or the full log name) this
   * rule is limited to, or null for every log.
   */
  public String log() {
    return log;
  }

  /** Line of the rule in its file, 0 when built in code. */
  public int line() {
    return line;
  }

  /** Whether the rule applies to an entry of {@code service} on {@code logId}/{@code logName}. */
  public boolean inScope(String service, String logId, String logName) {
    if (this.service != null && !this.service.equals(service)) {
      return false;
    }
    return log == null || log.equals(logId) || log.equals(logName);
  }

  /** In scope and the pattern is found somewhere in the message. */
  public boolean matches(String service, String logId, String logName, String message) {
    return inScope(service, logId, logName) && message != null && match.matcher(message).find();
  }

  @Override
  public String toString() {
    return name
        + " /"
        + match.pattern()
        + "/"
        + (service == null ? "" : " service=" + service)
        + (log == null ? "" : " log=" + log);
  }
}
