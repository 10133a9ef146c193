package dev.loggardener.signature;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Signs an entry as {@link Signer} does, after applying the user's {@link SignatureRules}: the
 * first custom fingerprint rule that matches forces the signature {@code rule:<name>}, whose id
 * depends on the rule name only (so it survives signer upgrades and edits to the pattern);
 * otherwise the extra masks replace their matches with {@code <*>} and the masked message is
 * signed. Ignore rules are not applied here; filtering happens before signing.
 */
public final class RuleBasedSigner implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Prefix of the template of a forced group. */
  public static final String RULE_PREFIX = "rule:";

  private final Signer signer;
  private final SignatureRules rules;

  public RuleBasedSigner(Signer signer, SignatureRules rules) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public SignatureRules rules() {
    return rules;
  }

  /** The signature of a message from {@code service} on the log {@code logId}/{@code logName}. */
  public Signature sign(String service, String logId, String logName, String message) {
    if (rules.isEmpty()) {
      return signer.sign(message);
    }
    SignatureRule forced = rules.fingerprintFor(service, logId, logName, message);
    if (forced != null) {
      return forcedSignature(forced.name());
    }
    return signer.sign(rules.mask(service, logId, logName, message));
  }

  /**
   * {@link #sign(String)} of a message that holds no line break ({@code '\n'}), such as a line its
   * caller cut at line breaks: see {@link Signer#signLine}.
   */
  public Signature signLine(String line) {
    return rules.isEmpty() ? signer.signLine(line) : sign(line);
  }

  /** A message with no service or log: only unscoped rules can apply. */
  public Signature sign(String message) {
    return sign(null, null, null, message);
  }

  /** The signature of the group a fingerprint rule named {@code name} forces. */
  public static Signature forcedSignature(String name) {
    String template = RULE_PREFIX + name;
    return new Signature(ruleId(name), template, Signer.VERSION);
  }

  /**
   * Whether {@code s} is a group forced by a fingerprint rule (not a message that looks like one).
   */
  public static boolean isForced(Signature s) {
    return s.template().startsWith(RULE_PREFIX)
        && s.id().equals(ruleId(s.template().substring(RULE_PREFIX.length())));
  }

  /**
   * First 16 hex digits of SHA-256 over {@code "rule\n" + name}: stable across runs and versions.
   */
  static String ruleId(String name) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("rule\n" + name).getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        out.append(String.format("%02x", d[i]));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
