package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokenizer.tokenize;

import java.io.Serializable;

/**
 * Turns one ordinary log message into a template by masking its values with {@code <*>}: {@link
 * MessageTokenizer} splits it into typed tokens and marks the values a token shows alone, the
 * passes of the {@link ValueType} table mark the values that need the tokens around them, and
 * {@link TemplateWriter} writes the template, a run of adjacent masks as one. Words without digits
 * are kept: they define the event ({@code No module named 'x.y'} keeps {@code x.y}), and a word
 * that varies (a name, a state) is the learning stage's to find across messages. Only the first
 * {@link #MAX_INPUT_CHARS} characters are read and the result is capped at {@link
 * #MAX_TEMPLATE_CHARS}; no regular expressions, because it runs on every log line.
 */
public final class SignatureNormalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String MASK = "<*>";
  public static final int MAX_INPUT_CHARS = 8192;
  public static final int MAX_TEMPLATE_CHARS = 1000;

  /**
   * One token buffer per thread, reused across calls: allocating it per message was a large share
   * of the signer's garbage. Calls never nest, and the buffer never outlives a call.
   */
  private static final ThreadLocal<MessageTokens> TOKENS =
      ThreadLocal.withInitial(MessageTokens::new);

  /** Returns the template of {@code message}; an empty string if it has no visible content. */
  public String normalize(String message) {
    return normalize(message, TOKENS.get());
  }

  /**
   * The template of a stack frame's file ({@code Cli.java}, {@code app/views.py}): a code location,
   * not a value, so the value types that mask names in messages do not apply.
   */
  String normalizeCodeLocation(String file) {
    MessageTokens t = TOKENS.get();
    t.codeLocation = true;
    try {
      return normalize(file, t);
    } finally {
      t.codeLocation = false;
    }
  }

  /** The scratch space of this thread, for {@link #normalize(String, MessageTokens)}. */
  static MessageTokens scratch() {
    return TOKENS.get();
  }

  /**
   * {@link #normalize(String)} with the thread's scratch space fetched once by the caller, which
   * may then ask {@link TemplateWriter#templateAscii} and {@link TemplateWriter#hashTemplate} about
   * the result.
   */
  String normalize(String message, MessageTokens t) {
    if (message == null) {
      t.bytesLength = -1;
      return "";
    }
    return TemplateWriter.write(marked(message, t), t);
  }

  /**
   * {@link #normalize(String, MessageTokens)} of a non-null message, except that an ASCII template
   * is left in {@code t}'s bytes and null returned ({@link TemplateWriter#writeDeferred}).
   */
  String normalizeDeferred(String message, MessageTokens t) {
    return TemplateWriter.writeDeferred(marked(message, t), t);
  }

  /** The message's characters in {@code t}'s scratch space, tokenized and its values marked. */
  private char[] marked(String message, MessageTokens t) {
    int n = Math.min(message.length(), MAX_INPUT_CHARS);
    // a copy made ahead for this very string holds the same characters (strings are immutable)
    char[] s = t.copied == message ? t.text : t.copy(message, n);
    t.copied = null;
    tokenize(s, n, t);
    ValueType.markAll(s, t);
    return s;
  }
}
