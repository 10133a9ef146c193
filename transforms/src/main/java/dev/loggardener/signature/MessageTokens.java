package dev.loggardener.signature;

import static dev.loggardener.signature.CharArrays.mayStartWithU;
import static dev.loggardener.signature.Compounds.isJoinerChar;
import static dev.loggardener.signature.SignatureNormalizer.MAX_INPUT_CHARS;

/**
 * The message as a {@code char[]} and its tokens as growable parallel arrays: scanning a {@code
 * char[]} avoids the bounds and coder checks of {@code String.charAt}, and arrays are cheaper than
 * one object per token on the hot path.
 */
final class MessageTokens {
  static final byte SPACE = 0;
  static final byte WORD = 1;
  static final byte DELIM = 2;

  /** A span decided before tokenizing (URL scheme and host): emitted verbatim, never masked. */
  static final byte KEEP = 3;

  /** The bits of a token's flags that hold its kind (above), and its two flags. */
  static final int KIND = 3;

  /** A value: written as {@code <*>}. */
  static final int MASKED = 4;

  /** Code, not data (URL parts, code names, request paths): never absorbed into a value. */
  static final int CODE = 8;

  /**
   * Characters read past the input limit, so that prefix tests at a token near the limit ({@code
   * HTTP}, {@code [REDACTED:}) see the same text as on the whole message.
   */
  static final int LOOKAHEAD = 16;

  /** {@code text[0, textLength)} holds the start of the message being normalized. */
  char[] text = new char[256];

  int textLength;

  /** The template being written, when it has a non-ASCII character. */
  char[] out = new char[256];

  /**
   * The template being written, when it is ASCII (almost always): {@link TemplateWriter#HASH_ROOM}
   * bytes of room, then the template. Signer writes its id prefix into the room and hashes in
   * place, instead of copying the template's characters into bytes once more.
   */
  byte[] bytes = new byte[256];

  /** Length of the template in {@link #bytes}, or -1 if it went to {@link #out}. */
  int bytesLength;

  /** The signatures of the ASCII templates this thread signed recently, for {@link Signer}. */
  final RecentSignatures recent = new RecentSignatures();

  int size;

  /**
   * Bit {@code c % 64} is set when a delimiter token {@code c} was added: a cheap "maybe" that lets
   * a value-type pass skip a message without the delimiter its type needs.
   */
  long delims;

  int[] start = new int[64];
  int[] end = new int[64];

  /**
   * Per token, its kind in the low two bits and the {@link #MASKED} and {@link #CODE} flags: one
   * byte written per token instead of three parallel arrays, and a pass that tests kind and mask
   * reads one.
   */
  byte[] flags = new byte[64];

  /**
   * The unmasked words that are date or unit words, in token order: the only tokens the date and
   * unit rounds of {@link NumberWords} may mask. Gathered as words are added, which spares that
   * pass a visit of every token.
   */
  int[] candidates = new int[64];

  int candidateCount;

  /** Whether a word may be "user" (four characters, the first 'u', 'U' or non-ASCII). */
  boolean maybeUser;

  /**
   * Whether a '.' may be followed by an upper-case letter (the last name of a qualified class name,
   * which {@link CodeNames} needs) and whether one follows a masked word (the start of a dotted
   * value, which {@link DottedValues} needs): most messages with a '.' give those passes nothing to
   * do, and CodeNames visits every token.
   */
  boolean dotBeforeUpper;

  boolean dotAfterMask;

  /**
   * The delimiter tokens that may join a compound value ({@link Compounds#isJoinerChar}), in token
   * order. A run of DottedValues or Compounds that changes anything starts at the word right before
   * one, so those passes visit these instead of every token.
   */
  int[] joiners = new int[64];

  int joinerCount;

  /**
   * Makes room for the tokens of {@code n} characters: every token covers at least one character
   * except the empty value between a pair of brackets, so there are at most {@code n + n / 2} of
   * them. With the room made once, {@link #add} needs no check.
   */
  void reserve(int n) {
    int cap = n + n / 2 + 1;
    if (start.length < cap) {
      start = new int[cap];
      end = new int[cap];
      flags = new byte[cap];
      candidates = new int[cap];
      joiners = new int[cap];
    }
  }

  void add(int s, int e, byte k, boolean m) {
    if (k == DELIM) {
      addDelim(s);
    } else if (k == WORD) {
      addWord(s, e, m);
    } else {
      put(s, e, m ? k | MASKED : k);
    }
  }

  /** A one-character delimiter at {@code s}. */
  void addDelim(int s) {
    char c = text[s];
    delims |= 1L << c;
    if (isJoinerChar(c)) {
      joiners[joinerCount++] = size;
      if (c == '.') {
        noteDot(s + 1);
      }
    }
    put(s, s + 1, DELIM);
  }

  void addWord(int s, int e, boolean m) {
    noteWord(s, e, m);
    put(s, e, m ? WORD | MASKED : WORD);
  }

  void addSpace(int s, int e) {
    put(s, e, SPACE);
  }

  private void put(int s, int e, int f) {
    start[size] = s;
    end[size] = e;
    flags[size] = (byte) f;
    size++;
  }

  /**
   * Notes what NumberWords and UserNames need to know of word {@code text[s, e)}. A word masked
   * when it is added is never a date or unit word (those have no digits, and the other masked words
   * are addresses, markers, query values and empty values), and only CodeNames unmasks, never such
   * a word; a word masked later by another pass is skipped by the rounds.
   */
  private void noteWord(int s, int e, boolean m) {
    int len = e - s;
    if (len == 4 && mayStartWithU(text[s])) {
      maybeUser = true;
    }
    if (!m
        && len <= 9
        && NumberWords.CANDIDATES.mayContainIgnoreCase(text, s, e)
        && NumberWords.CANDIDATES.containsIgnoreCase(text, s, e)) {
      candidates[candidateCount++] = size;
    }
  }

  /** Notes what a '.' delimiter ending at {@code e} tells CodeNames and DottedValues. */
  private void noteDot(int e) {
    // masks are only added by the tokenizer before those two passes run
    if (size > 0 && (flags[size - 1] & (KIND | MASKED)) == (WORD | MASKED)) {
      dotAfterMask = true;
    }
    // the next token starts at e; a character read past the end only makes this a maybe
    if (e < textLength && text[e] >= 'A' && text[e] <= 'Z') {
      dotBeforeUpper = true;
    }
  }

  byte kind(int x) {
    return (byte) (flags[x] & KIND);
  }

  boolean masked(int x) {
    return (flags[x] & MASKED) != 0;
  }

  /** Code, not data: URL parts, code names, request paths. Never absorbed into a value. */
  boolean code(int x) {
    return (flags[x] & CODE) != 0;
  }

  void mask(int x) {
    flags[x] |= MASKED;
  }

  /** Whether token x is the delimiter {@code c} of {@code s}. */
  boolean isDelim(char[] s, int x, char c) {
    return kind(x) == DELIM && s[start[x]] == c;
  }

  /** Whether token x starts a chunk: the start, or after a space or a value opener. */
  boolean isChunkStart(char[] s, int x) {
    return x == 0
        || kind(x - 1) == SPACE
        || (kind(x - 1) == DELIM && isValueOpener(s[start[x - 1]]));
  }

  /**
   * Delimiters after which a value may start; a bit set, as String.indexOf per token showed up in
   * profiles.
   */
  private static boolean isValueOpener(char c) {
    return c < 128 && ((c < 64 ? OPENERS_LOW >>> c : OPENERS_HIGH >>> (c - 64)) & 1) != 0;
  }

  private static final long OPENERS_LOW = CharArrays.bits("\"'(=<,", 0);

  private static final long OPENERS_HIGH = CharArrays.bits("[{", 64);

  /** Whether token x is a masked word. */
  boolean maskedWord(int x) {
    return (flags[x] & (KIND | MASKED)) == (WORD | MASKED);
  }

  /** Whether a delimiter token {@code c} may have been added (never false when one was). */
  boolean sawDelim(char c) {
    return (delims & (1L << c)) != 0;
  }

  /**
   * Copies the first {@code n} characters of {@code message}, and a few more, into {@link #text}.
   */
  char[] copy(String message, int n) {
    int len = Math.min(message.length(), n + LOOKAHEAD);
    if (text.length < len) {
      text = new char[Math.max(len, Math.min(MAX_INPUT_CHARS + LOOKAHEAD, text.length * 2))];
    }
    message.getChars(0, len, text, 0);
    textLength = len;
    copied = null;
    return text;
  }

  /**
   * Copies what {@link SignatureNormalizer#normalize(String, MessageTokens)} reads of {@code
   * message} ahead of the call, which then does not copy it again: {@link Signer} hands the copy of
   * a one-line message to the redactor first. Returns the copy; it holds all of a message of at
   * most {@link #MAX_INPUT_CHARS} characters.
   */
  char[] copyAhead(String message) {
    char[] chars = copy(message, Math.min(message.length(), MAX_INPUT_CHARS));
    copied = message;
    return chars;
  }

  /** The message whose copy {@link #text} holds for the next normalize, or null. */
  String copied;

  /** Set while a stack frame's file is normalized: a code location, not a message. */
  boolean codeLocation;
}
