package dev.loggardener.priority;

import dev.loggardener.model.Severity;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a {@link PriorityPolicy}: conditions that must all hold, the priority it gives and a
 * reason template. Immutable; patterns are compiled once when the policy is loaded.
 */
public final class PriorityRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Quoted evidence is cut so a reason stays one readable line in reports and BigQuery. */
  static final int MAX_QUOTE = 60;

  private static final Pattern EXCEPTION_TYPE =
      Pattern.compile("^\\s*([A-Za-z_$][\\w$]*(?:[.:][A-Za-z_$][\\w$]*)*)\\s*:");

  final String name;
  final String level;
  final String reasonTemplate;
  final Severity severityAtLeast;
  final Severity severityBelow;
  final Set<Severity> severityIn;
  final List<Pattern> matches;
  final Pattern signatureNotMatches;
  final Pattern exceptionType;
  final Pattern service;
  final long minCount;
  final Set<String> status;

  PriorityRule(
      String name,
      String level,
      String reasonTemplate,
      Severity severityAtLeast,
      Severity severityBelow,
      Set<Severity> severityIn,
      List<Pattern> matches,
      Pattern signatureNotMatches,
      Pattern exceptionType,
      Pattern service,
      long minCount,
      Set<String> status) {
    this.name = name;
    this.level = level;
    this.reasonTemplate = reasonTemplate;
    this.severityAtLeast = severityAtLeast;
    this.severityBelow = severityBelow;
    this.severityIn = severityIn;
    this.matches = matches;
    this.signatureNotMatches = signatureNotMatches;
    this.exceptionType = exceptionType;
    this.service = service;
    this.minCount = minCount;
    this.status = status;
  }

  public String name() {
    return name;
  }

  public String level() {
    return level;
  }

  /** The priority this rule gives these facts, or null when a condition does not hold. */
  Priority apply(ClusterFacts f) {
    if (severityAtLeast != null && !f.severity.atLeast(severityAtLeast)) {
      return null;
    }
    if (severityBelow != null && f.severity.atLeast(severityBelow)) {
      return null;
    }
    if (severityIn != null && !severityIn.contains(f.severity)) {
      return null;
    }
    if (minCount > 0 && f.count < minCount) {
      return null;
    }
    if (status != null && !status.contains(f.status.toUpperCase(Locale.ROOT))) {
      return null;
    }
    if (service != null && !service.matcher(f.service).matches()) {
      return null;
    }
    if (exceptionType != null) {
      Matcher m = EXCEPTION_TYPE.matcher(f.signature);
      if (!m.find() || !exceptionType.matcher(m.group(1)).find()) {
        return null;
      }
    }
    if (signatureNotMatches != null && signatureNotMatches.matcher(f.signature).find()) {
      return null;
    }
    String match = "";
    if (matches != null) {
      match = firstMatch(f);
      if (match == null) {
        return null;
      }
    }
    return Priority.of(level, level + ": " + reason(f, match));
  }

  /** Each pattern in order, against the signature, then the sample, as priority v1 did. */
  private String firstMatch(ClusterFacts f) {
    for (Pattern p : matches) {
      Matcher m = p.matcher(f.signature);
      if (m.find()) {
        return m.group();
      }
      m = p.matcher(f.sample);
      if (m.find()) {
        return m.group();
      }
    }
    return null;
  }

  private String reason(ClusterFacts f, String match) {
    String sev = f.severity.name();
    String article = "AEIOU".indexOf(sev.charAt(0)) >= 0 ? "an " : "a ";
    return reasonTemplate
        .replace("{match}", quote(match))
        .replace("{severity}", sev)
        .replace("{a_severity}", article + sev)
        .replace("{count}", Long.toString(f.count))
        .replace("{service}", f.service)
        .replace("{status}", f.status)
        .replace("{rule}", name);
  }

  static String quote(String matched) {
    String q = matched.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    return q.length() <= MAX_QUOTE ? q : q.substring(0, MAX_QUOTE) + "…";
  }
}
