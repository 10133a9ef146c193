package dev.loggardener.model;

import java.util.Locale;

/**
 * Cloud Logging's LogSeverity, in its numeric order. Absent severity is {@link #DEFAULT}, which
 * sorts below DEBUG: plain stdout/stderr lines arrive with it, so a threshold alone would drop
 * unstructured tracebacks (see {@code ErrorLookingStderr} for the rule that keeps them).
 */
public enum Severity {
  DEFAULT(0),
  DEBUG(100),
  INFO(200),
  NOTICE(300),
  WARNING(400),
  ERROR(500),
  CRITICAL(600),
  ALERT(700),
  EMERGENCY(800);

  private final int number;

  Severity(int number) {
    this.number = number;
  }

  /** The numeric value Cloud Logging uses (DEFAULT 0 … EMERGENCY 800). */
  public int number() {
    return number;
  }

  public boolean atLeast(Severity other) {
    return number >= other.number;
  }

  /** The severity with this exact number, or the highest one not above it. */
  public static Severity fromNumber(int n) {
    Severity result = DEFAULT;
    for (Severity s : values()) {
      if (s.number <= n) {
        result = s;
      }
    }
    return result;
  }

  /**
   * Parses the names Cloud Logging writes plus the usual foreign spellings (WARN, FATAL, ERR,
   * Java's SEVERE/FINE…). Returns null when the text names no severity, so callers decide.
   */
  public static Severity parseLenient(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.isEmpty()) {
      return null;
    }
    switch (t) {
      case "DEFAULT":
        return DEFAULT;
      case "DEBUG":
      case "TRACE":
      case "FINE":
      case "FINER":
      case "FINEST":
      case "VERBOSE":
        return DEBUG;
      case "INFO":
      case "INFORMATION":
      case "CONFIG":
        return INFO;
      case "NOTICE":
        return NOTICE;
      case "WARNING":
      case "WARN":
        return WARNING;
      case "ERROR":
      case "ERR":
      case "SEVERE":
        return ERROR;
      case "CRITICAL":
      case "CRIT":
      case "FATAL":
        return CRITICAL;
      case "ALERT":
        return ALERT;
      case "EMERGENCY":
      case "EMERG":
        return EMERGENCY;
      default:
        break;
    }
    if (t.chars().allMatch(Character::isDigit) && t.length() <= 4) {
      return fromNumber(Integer.parseInt(t));
    }
    return null;
  }
}
