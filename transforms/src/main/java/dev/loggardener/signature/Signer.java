package dev.loggardener.signature;

import dev.loggardener.redact.Redactor;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes the {@link Signature} of a log message: the key under which Log Gardener groups
 * errors. The message (a bounded prefix of it) is first redacted with {@link Redactor}, so no
 * template ever carries a secret or personal data; a stack trace is then reduced by {@link
 * StackTraceSignature} and anything else by {@link SignatureNormalizer}. The id is the first 16
 * hex characters of SHA-256 over {@code "v" + VERSION + "\n" + template}, so it is identical on
 * every run, JVM and machine, and changes only when {@link #VERSION} is bumped. Instances are
 * stateless and thread-safe.
 */
public final class Signer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bump whenever a change alters templates, so old and new ids never mix silently. */
  public static final int VERSION = 1;

  /** Template of null, empty and whitespace-only messages (they do occur as ERROR entries). */
  public static final String EMPTY_TEMPLATE = "<empty message>";

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required by every JVM", e);
            }
          });

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StackTraceSignature traces;
  private final SignatureNormalizer normalizer = new SignatureNormalizer();

  public Signer() {
    this(InAppFramePolicy.defaults());
  }

  /** A signer whose stack-trace signatures use {@code policy} to pick in-app frames. */
  public Signer(InAppFramePolicy policy) {
    this.traces = new StackTraceSignature(policy);
  }

  public Signature sign(String message) {
    String template = template(message);
    return new Signature(idOf(template), template, VERSION);
  }

  private String template(String message) {
    if (message == null || message.isBlank()) {
      return EMPTY_TEMPLATE;
    }
    int limit =
        message.indexOf('\n') >= 0
            ? StackTraceSignature.MAX_SCAN_CHARS
            : SignatureNormalizer.MAX_INPUT_CHARS;
    String text = message.length() > limit ? message.substring(0, limit) : message;
    text = Redactor.redact(text);
    String template = traces.template(text);
    if (template == null) {
      template = normalizer.normalize(text);
    }
    if (template.length() > SignatureNormalizer.MAX_TEMPLATE_CHARS) {
      template = template.substring(0, SignatureNormalizer.MAX_TEMPLATE_CHARS);
    }
    return template.isEmpty() ? EMPTY_TEMPLATE : template;
  }

  static String idOf(String template) {
    MessageDigest md = SHA256.get();
    md.reset();
    byte[] digest = md.digest(("v" + VERSION + "\n" + template).getBytes(StandardCharsets.UTF_8));
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(out);
  }
}
