package dev.loggardener.signature;

/**
 * The value types the stateless signer masks: the table between {@link MessageTokenizer}, which
 * marks the types a token shows alone as it reads, and {@link TemplateWriter}, which writes every
 * masked token as {@code <*>}. The types are those every error tracker masks (numbers, hex, UUIDs,
 * IP addresses, {@code host:port}, URLs, e-mail addresses, paths, dates and times, durations,
 * sizes, {@code key=value} values); everything else that varies in a message, such as a word-valued
 * name or state, is left to the learning stage ({@code dev.loggardener.grouping}), which sees many
 * messages. The passes run in the order listed: a later one may join what an earlier one marked (a
 * host name and its port become one {@code host:port}).
 *
 * <p>Each pass reads its own switch ({@link NormalizerRule}), which only the leave-one-system-out
 * measurement turns off.
 */
enum ValueType {
  /**
   * Numbers, hex, UUIDs, IPv4 addresses and identifiers with a digit: a word with a digit, except
   * API versions and code names ({@code v2}, {@code log4j}), which name code. The tokenizer marks
   * them; the pass takes back the packages of qualified class names ({@code psycopg2.Error}).
   */
  WORDS_WITH_DIGITS(CodeNames::mark),
  /** E-mail addresses. */
  EMAILS(null),
  /** A URL's user, numbered host, port and query values; the scheme and a named host stay. */
  URLS(null),
  /** The redactor's markers ({@code [REDACTED:secret]}): a value whatever was redacted. */
  REDACTED(null),
  /** IP addresses and numbered hosts with a name after them ({@code 10.1.2.3.example.net}). */
  NUMBERED_HOSTS(DottedValues::mark),
  /** Absolute and relative file paths; request paths after an HTTP method keep their skeleton. */
  PATHS(FilePaths::mark),
  /** Host names without a digit ({@code www.example.com}) and {@code localhost} before a port. */
  HOST_NAMES(HostNames::mark),
  /** File names with a known extension standing as a word ({@code settings.yaml}). */
  FILE_NAMES(FileNames::mark),
  /** Date, duration and size words next to a masked number ({@code Jun 14}, {@code 512 MiB}). */
  DATES_DURATIONS_SIZES(NumberWords::mark),
  /** The value of a {@code key=value} field whose key names a subject ({@code rhost=}). */
  KEY_VALUES(KeyValues::mark),
  /** The name after a standalone {@code user}, which the learning stage cannot take over yet. */
  USER_NAMES(UserNames::mark),
  /**
   * A compound with a masked part is one value: {@code host:port}, IPv6 and MAC addresses, ids
   * built of parts.
   */
  COMPOUNDS(Compounds::mark);

  /** Marks the values of one type in the tokens of a message. */
  interface Marker {
    void mark(char[] s, MessageTokens t);
  }

  /** The pass that marks this type, or null when the tokenizer marks it as it reads. */
  private final Marker marker;

  ValueType(Marker marker) {
    this.marker = marker;
  }

  /** Whether this type has a pass of its own after the tokenizer. */
  boolean hasPass() {
    return marker != null;
  }

  /** Marks the values of this type in the tokens of a message (nothing when the tokenizer did). */
  void mark(char[] s, MessageTokens t) {
    if (marker != null) {
      marker.mark(s, t);
    }
  }

  /**
   * Marks, in the tokens of a message, the values of every type the tokenizer left to a pass: the
   * passes of the table in its order. Spelled out rather than looped over the table, because a
   * loop's one call site sees nine receivers and the JIT inlines none of them, which cost the
   * signer about 6% ({@code SignerCompare}); {@code ValueTypeTest} checks that the two agree.
   */
  static void markAll(char[] s, MessageTokens t) {
    CodeNames.mark(s, t);
    DottedValues.mark(s, t);
    FilePaths.mark(s, t);
    HostNames.mark(s, t);
    FileNames.mark(s, t);
    NumberWords.mark(s, t);
    KeyValues.mark(s, t);
    UserNames.mark(s, t);
    Compounds.mark(s, t);
  }
}
