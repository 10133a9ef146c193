package dev.loggardener.signature;

import dev.loggardener.redact.Redactor;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Computes the {@link Signature} of a log message: the key under which Log Gardener groups errors.
 * The message (a bounded prefix of it) is first redacted with {@link Redactor}, so no template ever
 * carries a secret or personal data; a stack trace is then reduced by {@link StackTraceSignature}
 * and anything else by {@link SignatureNormalizer}. The id is the 16 hex digits of XXH64 (seed 0,
 * see {@link XxHash64}) over the UTF-8 bytes of {@code "v" + VERSION + "\n" + template}, so it is
 * identical on every run, JVM and machine, and changes only when {@link #VERSION} is bumped.
 * Instances are stateless and thread-safe; the only per-thread state is a scratch buffer that never
 * influences a result.
 */
public final class Signer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bump whenever a change alters templates, so old and new ids never mix silently. */
  public static final int VERSION = 4;

  /** Template of null, empty and whitespace-only messages (they do occur as ERROR entries). */
  public static final String EMPTY_TEMPLATE = "<empty message>";

  private static final byte[] PREFIX = ("v" + VERSION + "\n").getBytes(StandardCharsets.UTF_8);

  /** Scratch space for the bytes to hash; grows to the largest template seen by the thread. */
  private static final ThreadLocal<byte[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[1][256]);

  private static final HexFormat HEX = HexFormat.of();

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
    return sign(message, message != null && message.indexOf('\n') >= 0);
  }

  /**
   * {@link #sign} of a message that holds no line break ({@code '\n'}), such as a line its caller
   * cut at line breaks: the same signature, without searching the message for one.
   */
  public Signature signLine(String line) {
    assert line == null || line.indexOf('\n') < 0 : "a line holds no line break";
    return sign(line, false);
  }

  private Signature sign(String message, boolean multiLine) {
    if (message == null || message.isBlank()) {
      return new Signature(idOf(EMPTY_TEMPLATE), EMPTY_TEMPLATE, VERSION);
    }
    int limit =
        multiLine ? StackTraceSignature.MAX_SCAN_CHARS : SignatureNormalizer.MAX_INPUT_CHARS;
    String text = message.length() > limit ? message.substring(0, limit) : message;
    MessageTokens scratch = SignatureNormalizer.scratch();
    String template = null;
    if (multiLine) {
      text = Redactor.redact(text);
      template = traces.template(text);
    } else {
      // the normalizer's copy of a one-line message holds all of it (its limit is the input
      // limit), so the redactor scans that copy, and the normalizer reuses it when unchanged;
      // redaction never adds a line break, and a trace has one
      text = Redactor.redact(text, scratch.copyAhead(text));
    }
    if (template == null) {
      template = normalizer.normalizeDeferred(text, scratch);
      if (template == null) {
        // an ASCII template, capped at MAX_TEMPLATE_CHARS, is still in the scratch bytes: it is
        // hashed where it was written, and a string is made of it only when this thread has not
        // signed it recently
        if (scratch.bytesLength > 0) {
          return asciiSignature(scratch);
        }
        template = "";
      }
    }
    if (template.length() > SignatureNormalizer.MAX_TEMPLATE_CHARS) {
      template = template.substring(0, SignatureNormalizer.MAX_TEMPLATE_CHARS);
    }
    if (template.isEmpty()) {
      template = EMPTY_TEMPLATE;
    }
    return new Signature(idOf(template), template, VERSION);
  }

  private static Signature asciiSignature(MessageTokens scratch) {
    long h = TemplateWriter.hashTemplate(scratch, PREFIX);
    int from = TemplateWriter.HASH_ROOM;
    Signature s = scratch.recent.find(h, scratch.bytes, from, scratch.bytesLength);
    if (s == null) {
      s = new Signature(hex(h), TemplateWriter.asciiString(scratch), VERSION);
      scratch.recent.keep(h, scratch.bytes, from, scratch.bytesLength, s);
    }
    return s;
  }

  /**
   * The id {@link #sign} gives a message whose template is {@code template}; the learning stage
   * names its group templates with it, so a group of one template has that template's id.
   */
  public static String idOfTemplate(String template) {
    return idOf(template);
  }

  static String idOf(String template) {
    byte[][] holder = SCRATCH.get();
    byte[] buf = holder[0];
    int n = template.length();
    int len = PREFIX.length + n;
    if (buf.length < len) {
      buf = new byte[Math.max(len, buf.length * 2)];
      holder[0] = buf;
    }
    System.arraycopy(PREFIX, 0, buf, 0, PREFIX.length);
    int p = PREFIX.length;
    for (int i = 0; i < n; i++) {
      char c = template.charAt(i);
      if (c >= 0x80) {
        return hex(utf8Hash(template)); // rare: non-ASCII text takes the allocating path
      }
      buf[p++] = (byte) c;
    }
    return hex(XxHash64.hash(buf, len, 0));
  }

  private static long utf8Hash(String template) {
    byte[] t = template.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[PREFIX.length + t.length];
    System.arraycopy(PREFIX, 0, all, 0, PREFIX.length);
    System.arraycopy(t, 0, all, PREFIX.length, t.length);
    return XxHash64.hash(all, all.length, 0);
  }

  /**
   * The 16 lower-case hex digits of {@code h}. HexFormat hands its digit array to the String
   * without the copy that {@code new String(bytes, ISO_8859_1)} makes.
   */
  private static String hex(long h) {
    return HEX.toHexDigits(h);
  }
}
