package dev.loggardener.signature;

import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.KIND;
import static dev.loggardener.signature.MessageTokens.MASKED;
import static dev.loggardener.signature.MessageTokens.SPACE;
import static dev.loggardener.signature.SignatureNormalizer.MASK;
import static dev.loggardener.signature.SignatureNormalizer.MAX_TEMPLATE_CHARS;

import java.nio.charset.StandardCharsets;

/**
 * Writes a template from tokens whose values the normalizer has marked: the last stage of {@link
 * SignatureNormalizer}, apart from deciding what is a value. An ASCII template is written as bytes
 * after {@link #HASH_ROOM} bytes of room, so {@link Signer} can hash it with its id prefix in
 * place.
 */
final class TemplateWriter {
  private TemplateWriter() {}

  /** Punctuation that may sit between two masks and disappear when they collapse. */
  private static boolean isCollapsible(char c) {
    return c < 128 && ((c < 64 ? COLLAPSIBLE_LOW >>> c : COLLAPSIBLE_HIGH >>> (c - 64)) & 1) != 0;
  }

  /** {@link #isCollapsible} as bit sets over the ASCII characters below and from 64. */
  private static final long COLLAPSIBLE_LOW = CharArrays.bits(".,:;/+-#*", 0);

  private static final long COLLAPSIBLE_HIGH = CharArrays.bits("~|_", 64);

  /**
   * Bytes before the template in {@code MessageTokens.bytes}, for the id prefix of {@link Signer}.
   */
  static final int HASH_ROOM = 16; // "v" + any int VERSION + "\n" fits

  /**
   * Writes the template of the tokens of {@code s} in {@code t}: masked tokens as {@code <*>}, a
   * run of masks joined only by collapsible punctuation as one, runs of spaces as one, at most
   * {@link SignatureNormalizer#MAX_TEMPLATE_CHARS} characters.
   */
  static String write(char[] s, MessageTokens t) {
    String template = writeDeferred(s, t);
    return template != null ? template : asciiString(t);
  }

  /**
   * {@link #write}, except that an ASCII template is only written as bytes (see {@link
   * #templateAscii}) and null returned, so that {@link Signer} can find it among the templates it
   * signed recently before it makes a string of it ({@link #asciiString}).
   */
  static String writeDeferred(char[] s, MessageTokens t) {
    int len = emitAscii(s, t);
    t.bytesLength = len;
    return len >= 0 ? null : emitChars(s, t);
  }

  /** The ASCII template last written to {@code t} (see {@link #templateAscii}) as a string. */
  static String asciiString(MessageTokens t) {
    return new String(t.bytes, HASH_ROOM, t.bytesLength, StandardCharsets.ISO_8859_1);
  }

  /**
   * {@link #emitChars} into {@code t.bytes} after {@link #HASH_ROOM}; -1 as soon as a character is
   * not ASCII. Keep the two in step: they must write the same template.
   */
  private static int emitAscii(char[] s, MessageTokens t) {
    int room = HASH_ROOM + MAX_TEMPLATE_CHARS + Math.max(t.textLength, MASK.length());
    if (t.bytes.length < room) {
      t.bytes = new byte[room];
    }
    byte[] out = t.bytes;
    int len = HASH_ROOM;
    int max = HASH_ROOM + MAX_TEMPLATE_CHARS;
    int afterMask = -1;
    for (int x = 0; x < t.size && len < max; x++) {
      byte k = t.kind(x);
      if (k == SPACE) {
        if (len > HASH_ROOM && out[len - 1] != ' ') {
          out[len++] = ' ';
        }
      } else if (t.masked(x)) {
        if (afterMask >= 0) {
          len = afterMask;
        } else {
          out[len] = '<';
          out[len + 1] = '*';
          out[len + 2] = '>';
          len += 3;
          afterMask = len;
        }
      } else if (k == DELIM && isCollapsible(s[t.start[x]])) {
        out[len++] = (byte) s[t.start[x]];
      } else {
        // The tokens up to the next mask or unusual space are written as they are: one copy
        // of their characters instead of one per token. Each step below would write exactly its
        // characters (a single ' ' follows a token that is not a space), so the result is the
        // same, unless the template limit falls inside; then one token goes at a time.
        int y = verbatimEnd(s, t, x);
        int from = t.start[x];
        int to = t.end[y - 1];
        if (len + (to - from) >= max) {
          to = t.end[x];
          y = x + 1;
        }
        int any = 0;
        for (int c = from; c < to; c++) {
          char ch = s[c];
          any |= ch;
          out[len++] = (byte) ch;
        }
        if (any >= 0x80) {
          return -1;
        }
        x = y - 1;
        afterMask = -1;
      }
    }
    while (len > HASH_ROOM && out[len - 1] == ' ') {
      len--;
    }
    return Math.min(len, max) - HASH_ROOM;
  }

  /**
   * The end of the tokens from {@code x} on that emitAscii writes character for character: unmasked
   * words, kept spans and delimiters, and single ' ' spaces between them.
   */
  private static int verbatimEnd(char[] s, MessageTokens t, int x) {
    int y = x + 1;
    while (y < t.size) {
      byte f = t.flags[y];
      if ((f & MASKED) != 0) {
        break;
      }
      if ((f & KIND) == SPACE) {
        int st = t.start[y];
        if (t.end[y] - st != 1 || s[st] != ' ' || y + 1 == t.size || t.masked(y + 1)) {
          break;
        }
      }
      y++;
    }
    return y;
  }

  /**
   * Whether the template that the last {@link SignatureNormalizer#normalize(String, MessageTokens)}
   * with {@code t} returned is ASCII and still in the byte buffer, so {@link #hashTemplate} may
   * hash it. Calls never nest, and {@link Signer} asks right after normalizing.
   */
  static boolean templateAscii(MessageTokens t) {
    return t.bytesLength >= 0;
  }

  /**
   * XXH64 of {@code prefix} + the ASCII template last written to {@code t} (see {@link
   * #templateAscii}).
   */
  static long hashTemplate(MessageTokens t, byte[] prefix) {
    int from = HASH_ROOM - prefix.length;
    System.arraycopy(prefix, 0, t.bytes, from, prefix.length);
    return XxHash64.hash(t.bytes, from, prefix.length + t.bytesLength, 0);
  }

  private static String emitChars(char[] s, MessageTokens t) {
    // each step appends at most one token (at most the input) or a mask while len <
    // MAX_TEMPLATE_CHARS
    int room = MAX_TEMPLATE_CHARS + Math.max(t.textLength, MASK.length());
    if (t.out.length < room) {
      t.out = new char[room];
    }
    char[] out = t.out;
    int len = 0;
    int afterMask = -1; // out length right after the last mask, while only collapsible followed
    for (int x = 0; x < t.size && len < MAX_TEMPLATE_CHARS; x++) {
      byte k = t.kind(x);
      if (k == SPACE) {
        if (len > 0 && out[len - 1] != ' ') {
          out[len++] = ' ';
        }
      } else if (t.masked(x)) {
        if (afterMask >= 0) {
          len = afterMask;
        } else {
          MASK.getChars(0, MASK.length(), out, len);
          len += MASK.length();
          afterMask = len;
        }
      } else if (k == DELIM && isCollapsible(s[t.start[x]])) {
        out[len++] = s[t.start[x]];
      } else {
        // tokens are short: a plain loop beats the set-up of System.arraycopy
        for (int from = t.start[x], to = t.end[x]; from < to; from++) {
          out[len++] = s[from];
        }
        afterMask = -1;
      }
    }
    while (len > 0 && out[len - 1] == ' ') {
      len--;
    }
    if (len > MAX_TEMPLATE_CHARS) {
      len = MAX_TEMPLATE_CHARS;
    }
    return new String(out, 0, len);
  }
}
