package dev.loggardener.signature;

import java.io.Serializable;
import java.util.List;

/**
 * The user's grouping rules, parsed from a {@code --signatureRules} file by {@link
 * SignatureRulesParser}: custom fingerprints (a match forces the entry into the named group {@code
 * rule:<name>}), extra masks (matches become {@code <*>} before normalization) and ignore rules
 * (known noise, filtered and counted). As in Sentry's fingerprint rules, rules are tried in file
 * order and the first match wins. Immutable and serializable, so DoFns carry it.
 */
public final class SignatureRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final SignatureRules NONE =
      new SignatureRules("", List.of(), List.of(), List.of());

  private final String source;
  private final List<SignatureRule> fingerprints;
  private final List<SignatureRule> masks;
  private final List<SignatureRule> ignores;

  public SignatureRules(
      String source,
      List<SignatureRule> fingerprints,
      List<SignatureRule> masks,
      List<SignatureRule> ignores) {
    this.source = source;
    this.fingerprints = List.copyOf(fingerprints);
    this.masks = List.copyOf(masks);
    this.ignores = List.copyOf(ignores);
  }

  /** No rules at all: signing and filtering behave exactly as without a rules file. */
  public static SignatureRules none() {
    return NONE;
  }

  /** Where the rules came from (a path), for messages; empty for {@link #none()}. */
  public String source() {
    return source;
  }

  public List<SignatureRule> fingerprints() {
    return fingerprints;
  }

  public List<SignatureRule> masks() {
    return masks;
  }

  public List<SignatureRule> ignores() {
    return ignores;
  }

  public boolean isEmpty() {
    return fingerprints.isEmpty() && masks.isEmpty() && ignores.isEmpty();
  }

  /** The first fingerprint rule that matches, or null. */
  public SignatureRule fingerprintFor(
      String service, String logId, String logName, String message) {
    return first(fingerprints, service, logId, logName, message);
  }

  /** The first ignore rule that matches, or null. */
  public SignatureRule ignoreRuleFor(String service, String logId, String logName, String message) {
    return first(ignores, service, logId, logName, message);
  }

  /**
   * The message with every match of every mask in scope replaced by {@code <*>}, masks in order.
   */
  public String mask(String service, String logId, String logName, String message) {
    String out = message;
    for (SignatureRule m : masks) {
      if (out != null && m.inScope(service, logId, logName)) {
        out = m.match().matcher(out).replaceAll("<*>");
      }
    }
    return out;
  }

  private static SignatureRule first(
      List<SignatureRule> rules, String service, String logId, String logName, String message) {
    for (SignatureRule r : rules) {
      if (r.matches(service, logId, logName, message)) {
        return r;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "SignatureRules{"
        + source
        + ": "
        + fingerprints.size()
        + " fingerprints, "
        + masks.size()
        + " masks, "
        + ignores.size()
        + " ignore rules}";
  }
}
