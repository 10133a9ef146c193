package dev.loggardener.signature;

import static dev.loggardener.signature.CharArrays.mayStartWithU;
import static dev.loggardener.signature.CharArrays.regionMatchesIgnoreCase;
import static dev.loggardener.signature.CharArrays.startsWith;
import static dev.loggardener.signature.MessageTokenizer.tokenize;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one ordinary log message into a template by masking its variable parts with {@code <*>}:
 * numbers, hex and memory addresses, UUIDs, IP addresses and ports, e-mail addresses, identifiers
 * that contain digits (also inside URL paths, file paths and quotes), URL hosts that are addresses,
 * URL query values, dates with month and day names, and the unit after a masked size or duration.
 * Words without digits are kept, because they are what defines the event ({@code No module named
 * 'x.y'} keeps {@code x.y}). Numbers are always masked, also HTTP status codes: the status is
 * usually visible elsewhere in the entry, and one simple rule is easier to predict than a list of
 * exceptions. Adjacent masks separated only by punctuation or spaces collapse into one so that
 * lists and ranges of varying length still group. The work is one tokenizing pass plus a few linear
 * passes over the token array, with no regular expressions, because it runs on every log line. Only
 * the first {@link #MAX_INPUT_CHARS} characters are read and the result is capped at {@link
 * #MAX_TEMPLATE_CHARS}.
 */
public final class SignatureNormalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String MASK = "<*>";
  public static final int MAX_INPUT_CHARS = 8192;
  public static final int MAX_TEMPLATE_CHARS = 1000;

  static final byte SPACE = 0;
  static final byte WORD = 1;
  static final byte DELIM = 2;

  /** A span decided before tokenizing (URL scheme and host): emitted verbatim, never masked. */
  static final byte KEEP = 3;

  /** The bits of a token's flags that hold its kind (above), and its two flags. */
  static final int KIND = 3;

  static final int MASKED = 4;
  static final int CODE = 8;

  /** Calendar and clock words that are variable when they stand next to a masked number. */
  private static final WordSet DATE_WORDS =
      words(
          "jan",
          "feb",
          "mar",
          "apr",
          "may",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "january",
          "february",
          "march",
          "april",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "mon",
          "tue",
          "tues",
          "wed",
          "thu",
          "thur",
          "thurs",
          "fri",
          "sat",
          "sun",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "am",
          "pm",
          "utc",
          "gmt",
          "cet",
          "cest",
          "pst",
          "pdt",
          "est",
          "edt");

  /** Size and duration units: the magnitude moves between units, so the unit is variable too. */
  private static final WordSet UNIT_WORDS =
      words(
          "b", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "bytes", "byte", "k", "ms",
          "s", "sec", "secs", "second", "seconds", "us", "µs", "ns", "min", "mins", "minute",
          "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days");

  /** Date and unit words together: a quick first test before the neighbours of a word. */
  static final WordSet CONTEXT_WORDS =
      new WordSet(
          java.util.stream.Stream.of(DATE_WORDS.words(), UNIT_WORDS.words())
              .flatMap(Set::stream)
              .collect(java.util.stream.Collectors.toSet()));

  /**
   * Endings of keys whose {@code key=value} value identifies a subject (who, where, which) rather
   * than the event: {@code user=}, {@code rhost=}, {@code client_ip=}, {@code file=}.
   */
  private static final String[] SUBJECT_KEY_SUFFIXES = {
    "user",
    "username",
    "login",
    "host",
    "hostname",
    "ip",
    "addr",
    "address",
    "id",
    "name",
    "path",
    "file",
    "url",
    "uri",
    "email",
    "client"
  };

  /**
   * Words that follow "user" in prose ("user is", "user not found") and therefore are not a user
   * name; any other single word after a standalone "user" is treated as the name.
   */
  private static final WordSet STOP_WORDS =
      words(
          "a",
          "an",
          "the",
          "is",
          "was",
          "has",
          "had",
          "not",
          "no",
          "by",
          "for",
          "from",
          "to",
          "of",
          "in",
          "on",
          "at",
          "with",
          "and",
          "or",
          "data",
          "id",
          "name",
          "info",
          "account",
          "session",
          "request",
          "requests",
          "agent",
          "does",
          "did",
          "cannot",
          "can",
          "could",
          "should",
          "will",
          "would",
          "must",
          "may",
          "be",
          "been",
          "are",
          "were");

  // The rules as constants (see NormalizerRule): on unless a measurement switched one off.
  private static final boolean R_CODE_NAMES = NormalizerRule.CODE_NAMES.enabled();
  private static final boolean R_DOTTED_VALUES = NormalizerRule.DOTTED_VALUES.enabled();
  private static final boolean R_FILE_PATHS = NormalizerRule.FILE_PATHS.enabled();
  private static final boolean R_DATE_WORDS = NormalizerRule.DATE_WORDS.enabled();
  private static final boolean R_UNIT_WORDS = NormalizerRule.UNIT_WORDS.enabled();
  private static final boolean R_SUBJECT_KEYS = NormalizerRule.SUBJECT_KEYS.enabled();
  private static final boolean R_USER_WORD = NormalizerRule.USER_WORD.enabled();
  private static final boolean R_REQUEST_LINES = NormalizerRule.REQUEST_LINES.enabled();
  private static final boolean R_COMPOUNDS = NormalizerRule.COMPOUNDS.enabled();
  private static final boolean R_HOST_NAMES = NormalizerRule.HOST_NAMES.enabled();
  private static final boolean R_LOCAL_ENDPOINTS = NormalizerRule.LOCAL_ENDPOINTS.enabled();
  private static final boolean R_FILE_NAMES = NormalizerRule.FILE_NAMES.enabled();
  private static final boolean R_DEVICE_IDS = NormalizerRule.DEVICE_IDS.enabled();
  private static final boolean R_NAMED_VALUES = R_HOST_NAMES || R_LOCAL_ENDPOINTS || R_FILE_NAMES;

  /**
   * Top-level domains a two-label name may end with and still be a host ({@code example.com});
   * shorter lists would miss hosts, longer ones would take {@code java.io} for a host.
   */
  private static final WordSet GENERIC_TLDS =
      words("com", "net", "org", "edu", "gov", "mil", "info", "biz");

  /** Further last labels of a host of three or more labels (any two-letter country code too). */
  private static final WordSet LONG_TLDS =
      words(
          "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "app", "dev",
          "cloud", "ai", "co", "me", "tv", "xyz", "online", "site", "tech", "name", "pro");

  /**
   * Two-letter last labels that are far more often a key's or a file's last word in logs ({@code
   * mapred.job.id}, {@code setup.py}, {@code a.b.is}) than a country's domain.
   */
  private static final WordSet NOT_COUNTRY_CODES =
      words(
          "id", "ip", "io", "os", "ms", "ui", "db", "fs", "vm", "js", "ts", "rs", "py", "pl", "sh",
          "so", "md", "am", "pm", "no", "on", "in", "is", "it", "at", "to", "by", "as", "do", "me",
          "my", "us", "be", "go", "hr", "mk", "cc", "gz", "ok");

  /** Suffixes of private DNS names ({@code db-1.internal}, {@code printer.local}). */
  private static final WordSet INTERNAL_SUFFIXES =
      words("internal", "local", "localdomain", "lan", "corp", "intranet", "svc", "localhost");

  /**
   * First labels of reverse-DNS code names ({@code com.example.app}, {@code org.apache.kafka}): a
   * run that starts with one is a package, not a host.
   */
  private static final WordSet REVERSE_DNS_STARTS =
      words("com", "org", "net", "edu", "gov", "io", "de", "uk", "fr", "nl", "cn", "jp");

  /** Extensions that make {@code name.ext} standing as a word a file name. */
  private static final WordSet FILE_EXTENSIONS =
      words(
          "exe",
          "dll",
          "sys",
          "so",
          "dylib",
          "jar",
          "war",
          "ear",
          "class",
          "py",
          "pyc",
          "js",
          "mjs",
          "cjs",
          "ts",
          "tsx",
          "jsx",
          "rb",
          "go",
          "rs",
          "c",
          "h",
          "cc",
          "cpp",
          "cxx",
          "hpp",
          "cs",
          "java",
          "kt",
          "scala",
          "php",
          "pl",
          "sh",
          "bash",
          "bat",
          "cmd",
          "ps1",
          "log",
          "txt",
          "csv",
          "tsv",
          "json",
          "xml",
          "yaml",
          "yml",
          "toml",
          "ini",
          "cfg",
          "conf",
          "properties",
          "dat",
          "db",
          "sqlite",
          "bak",
          "tmp",
          "pid",
          "lock",
          "sock",
          "zip",
          "gz",
          "tgz",
          "tar",
          "bz2",
          "xz",
          "rar",
          "iso",
          "img",
          "bin",
          "msi",
          "cab",
          "manifest",
          "html",
          "htm",
          "css",
          "png",
          "jpg",
          "jpeg",
          "gif",
          "svg",
          "pdf",
          "doc",
          "docx",
          "xls",
          "xlsx",
          "md",
          "proto",
          "parquet",
          "avro",
          "orc",
          "swp");

  /** Nouns after which a bracketed identifier names a device, a link or a firmware table. */
  private static final WordSet DEVICE_NOUNS =
      words(
          "link",
          "device",
          "dev",
          "port",
          "slot",
          "table",
          "bus",
          "controller",
          "interface",
          "disk",
          "drive",
          "adapter",
          "card",
          "channel",
          "irq",
          "bridge",
          "sensor",
          "fan",
          "unit",
          "module",
          "lun",
          "volume",
          "partition");

  /**
   * Bracketed upper-case words that name a level or an outcome, which is the event itself, not a
   * device ({@code [ERROR]}, {@code [OK]}).
   */
  private static final WordSet STATUS_WORDS =
      words(
          "INFO",
          "WARN",
          "WARNING",
          "ERROR",
          "ERR",
          "DEBUG",
          "TRACE",
          "FATAL",
          "CRIT",
          "CRITICAL",
          "NOTICE",
          "ALERT",
          "EMERG",
          "EMERGENCY",
          "SEVERE",
          "FINE",
          "FINER",
          "FINEST",
          "CONFIG",
          "OK",
          "FAIL",
          "FAILED",
          "FAILURE",
          "DONE",
          "PASS",
          "PASSED",
          "SUCCESS",
          "ABORT",
          "ABORTED",
          "TODO",
          "NOTE",
          "NEW",
          "OLD",
          "GET",
          "POST",
          "PUT",
          "DELETE",
          "PATCH",
          "HEAD",
          "OPTIONS",
          "YES",
          "NO",
          "ON",
          "OFF",
          "TRUE",
          "FALSE",
          "NULL",
          "NONE",
          "SKIP",
          "SKIPPED",
          "START",
          "STOP",
          "END",
          "BEGIN",
          "RETRY");

  private static WordSet words(String... words) {
    return new WordSet(Set.of(words));
  }

  /** Whether the lower case of {@code s[from, to)} ends with a subject key suffix. */
  private static boolean isSubjectKey(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (s[k] >= 128) {
        return isSubjectKey(new String(s, from, to - from));
      }
    }
    for (String suffix : SUBJECT_KEY_SUFFIXES) {
      int len = suffix.length();
      if (to - from >= len && endsWithLowerCased(s, to, suffix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithLowerCased(char[] s, int to, String suffix) {
    int from = to - suffix.length();
    for (int k = 0; k < suffix.length(); k++) {
      if (WordSet.lower(s[from + k]) != suffix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The general case, for keys with non-ASCII characters (whose lower case may change length). */
  private static boolean isSubjectKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String suffix : SUBJECT_KEY_SUFFIXES) {
      if (k.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the template of {@code message}; an empty string if it has no visible content. */
  public String normalize(String message) {
    return normalize(message, TOKENS.get());
  }

  /**
   * The template of a stack frame's file ({@code Cli.java}, {@code app/views.py}): a code location,
   * not a value, so the names rule that masks file names in messages does not apply.
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
    int n = Math.min(message.length(), MAX_INPUT_CHARS);
    // a copy made ahead for this very string holds the same characters (strings are immutable)
    char[] s = t.copied == message ? t.text : t.copy(message, n);
    t.copied = null;
    tokenize(s, n, t);
    // a pass whose rule needs a delimiter the message lacks would visit every token in vain
    if (R_CODE_NAMES && t.dotBeforeUpper) {
      keepCodeNames(s, t);
    }
    if (R_DOTTED_VALUES && t.dotAfterMask) {
      maskDottedCompounds(s, t);
    }
    if (R_FILE_PATHS && (t.sawDelim('/') || t.sawDelim('\\'))) {
      maskFilePaths(s, t);
    }
    if (R_NAMED_VALUES && !t.codeLocation && (t.sawDelim('.') || t.sawDelim(':'))) {
      maskNamedValues(s, t);
    }
    if (R_DEVICE_IDS && t.sawDelim('[')) {
      maskDeviceIds(s, t);
    }
    maskByContext(s, t);
    if (R_REQUEST_LINES && t.sawDelim('"')) {
      maskRequestLines(s, t);
    }
    if (R_COMPOUNDS
        && (t.sawDelim('.')
            || t.sawDelim('~')
            || t.sawDelim('/')
            || t.sawDelim('\\')
            || t.sawDelim('@')
            || t.sawDelim('+')
            || t.sawDelim('#')
            || t.sawDelim('%')
            || t.sawDelim('$')
            || t.sawDelim(':'))) {
      maskCompoundValues(s, t);
    }
    return TemplateWriter.write(s, t);
  }

  /**
   * One token buffer per thread, reused across calls: allocating it per message was a large share
   * of the signer's garbage. Calls never nest, and the buffer never outlives a call.
   */
  private static final ThreadLocal<MessageTokens> TOKENS =
      ThreadLocal.withInitial(MessageTokens::new);

  /**
   * A qualified class name ({@code psycopg2.OperationalError}, {@code java.lang.Object}) is code,
   * not data, even when a package has a digit: identifiers joined by dots where the last starts
   * with an upper-case letter and has lower-case letters. Such a run is kept literally and never
   * absorbed into a neighbouring value.
   */
  private static void keepCodeNames(char[] s, MessageTokens t) {
    int x = 0;
    while (x < t.size) {
      if (t.kind(x) != WORD || (x > 0 && (t.kind(x - 1) == WORD || isDelim(s, t, x - 1, '.')))) {
        x++;
        continue;
      }
      int last = x;
      int y = x + 1;
      while (y + 1 < t.size && isDelim(s, t, y, '.') && t.kind(y + 1) == WORD) {
        last = y + 1;
        y += 2;
      }
      if (last > x && isClassName(s, t.start[last], t.end[last]) && allIdentifiers(s, t, x, last)) {
        for (int z = x; z <= last; z++) {
          t.flags[z] = (byte) ((t.flags[z] & ~MASKED) | CODE);
        }
      }
      x = last + 1;
    }
  }

  private static boolean isDelim(char[] s, MessageTokens t, int x, char c) {
    return t.kind(x) == DELIM && s[t.start[x]] == c;
  }

  private static boolean isClassName(char[] s, int from, int to) {
    if (!(s[from] >= 'A' && s[from] <= 'Z')) {
      return false;
    }
    for (int k = from + 1; k < to; k++) {
      char c = s[k];
      if (c >= 'a' && c <= 'z') {
        return true;
      }
    }
    return false;
  }

  private static boolean allIdentifiers(char[] s, MessageTokens t, int first, int last) {
    for (int z = first; z <= last; z += 2) {
      if (t.kind(z) != WORD || t.start[z] == t.end[z] || !Character.isLetter(s[t.start[z]])) {
        return false;
      }
      for (int k = t.start[z]; k < t.end[z]; k++) {
        if (s[k] == '-') {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Host names and dotted numbers ({@code 10.1.2.3}, {@code ip-10-0-0-1.ec2.internal}) are one
   * value: when the first label of a lower-case dotted run is variable, so is the whole run.
   */
  private static void maskDottedCompounds(char[] s, MessageTokens t) {
    // The runs are those of a visit of every token from the left: one starts at each masked
    // word that is not right after a word and not inside an earlier run. A run that changes
    // anything has a '.' right after its first word, so only the words before a '.' are tried.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int x = t.joiners[j] - 1;
      if (x < next
          || s[t.start[x + 1]] != '.'
          || t.kind(x) != WORD
          || !t.masked(x)
          || (x > 0 && t.kind(x - 1) == WORD)) {
        continue;
      }
      int last = x;
      int y = x + 1;
      while (y + 1 < t.size
          && t.kind(y) == DELIM
          && s[t.start[y]] == '.'
          && t.kind(y + 1) == WORD) {
        last = y + 1;
        y += 2;
      }
      if (last > x
          && !(last + 1 < t.size && t.kind(last + 1) == DELIM && s[t.start[last + 1]] == '/')
          && !hasUpperCase(s, t.start[x], t.end[last])) {
        for (int z = x; z <= last; z++) {
          t.mask(z);
        }
      }
      next = last + 1;
    }
  }

  private static final WordSet HTTP_METHODS =
      words("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

  /**
   * Absolute file paths ({@code /var/data/x/y.log}, {@code C:\dir\f}) name one of many files that
   * fail the same way, so a path with two or more separators is one value. Request paths after an
   * HTTP method keep their skeleton instead ({@code GET /v1/orders/<*>}) because the endpoint is
   * part of the event.
   */
  private static void maskFilePaths(char[] s, MessageTokens t) {
    // A path starts at a '/' or at most two tokens before a '/' or '\\' ("./", "../", "C:\\"),
    // so only those tokens are tried, in the order and with the skips of a visit of every token.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int p = t.joiners[j];
      char sep = s[t.start[p]];
      if ((sep == '/' || sep == '\\') && p >= next) {
        next = maskFilePathsFrom(s, t, Math.max(next, p - 2), p);
      }
    }
  }

  /** The visit of tokens {@code from..to} of maskFilePaths; returns the first token not visited. */
  private static int maskFilePathsFrom(char[] s, MessageTokens t, int from, int to) {
    int x = from;
    for (; x <= to; x++) {
      int first = pathStart(s, t, x);
      if (first < 0) {
        continue;
      }
      int seps = 0;
      int y = first;
      while (y < t.size) {
        byte k = t.kind(y);
        if (k == WORD) {
          y++;
          continue;
        }
        if (k != DELIM) {
          break;
        }
        char c = s[t.start[y]];
        if (c == '/' || c == '\\') {
          seps++;
        } else if (c != '.'
            && c != '~'
            && c != '+'
            && c != '@'
            && c != '%'
            && c != '*'
            && c != '$'
            && c != '{'
            && c != '}'
            && !(c == ':' && y == first + 1)) {
          break;
        }
        y++;
      }
      // a trailing '.' ends the sentence, not the path
      int last = y - 1;
      while (last > first && t.kind(last) == DELIM && s[t.start[last]] == '.') {
        last--;
      }
      boolean relative = t.kind(first) == DELIM && s[t.start[first]] == '.';
      if (afterHttpMethod(s, t, x)) {
        for (int z = first; z <= last; z++) {
          t.flags[z] |= CODE;
        }
      } else if (seps >= 2 || (relative && seps >= 1)) {
        for (int z = first; z <= last; z++) {
          t.mask(z);
        }
      }
      x = y;
    }
    return x;
  }

  /** Index of the first token of a path starting at token x, or -1. */
  private static int pathStart(char[] s, MessageTokens t, int x) {
    boolean chunkStart =
        x == 0
            || t.kind(x - 1) == SPACE
            || (t.kind(x - 1) == DELIM && isPathOpener(s[t.start[x - 1]]));
    if (!chunkStart) {
      return -1;
    }
    if (t.kind(x) == DELIM && s[t.start[x]] == '/') {
      return x;
    }
    if (relativePathStart(s, t, x)) {
      return x;
    }
    if (t.kind(x) == WORD
        && t.end[x] - t.start[x] == 1
        && x + 2 < t.size
        && t.kind(x + 1) == DELIM
        && s[t.start[x + 1]] == ':'
        && t.kind(x + 2) == DELIM
        && s[t.start[x + 2]] == '\\') {
      return x;
    }
    return -1;
  }

  /**
   * Delimiters after which a path may start; a bit set, as String.indexOf per token showed up in
   * profiles.
   */
  private static boolean isPathOpener(char c) {
    return c < 128 && ((c < 64 ? PATH_OPENERS_LOW >>> c : PATH_OPENERS_HIGH >>> (c - 64)) & 1) != 0;
  }

  private static final long PATH_OPENERS_LOW = bits("\"'(=<,", 0);

  private static final long PATH_OPENERS_HIGH = bits("[{", 64);

  /** {@code ./name} or {@code ../name}: a relative file path. */
  private static boolean relativePathStart(char[] s, MessageTokens t, int x) {
    int y = x;
    while (y < t.size && y < x + 2 && isDelim(s, t, y, '.')) {
      y++;
    }
    return y > x && y + 1 < t.size && isDelim(s, t, y, '/') && t.kind(y + 1) == WORD;
  }

  private static boolean afterHttpMethod(char[] s, MessageTokens t, int x) {
    int y = x - 1;
    while (y >= 0 && t.kind(y) == SPACE) {
      y--;
    }
    return y >= 0 && t.kind(y) == WORD && HTTP_METHODS.containsExact(s, t.start[y], t.end[y]);
  }

  /** Host names are case-insensitive and written in lower case; code names are not. */
  private static boolean hasUpperCase(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /**
   * Names that stand as a word of their own and name one of many things failing the same way: fully
   * qualified host names ({@code www.example.com}, {@code proxy.cs.example.edu.hk}, {@code
   * db-1.internal}), so that with a port they make one endpoint value ({@code www.example.com:443},
   * joined by maskCompoundValues), {@code localhost:PORT} likewise, and file names with a known
   * extension ({@code chrome.exe}, {@code settings.yaml}). A run that continues into a path, an
   * e-mail address or a call, reverse-DNS package names ({@code com.example.app}) and qualified
   * class names (kept as code) are left alone.
   */
  private static void maskNamedValues(char[] s, MessageTokens t) {
    // A name starts at a word right before a joiner, so only those words are tried.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int d = t.joiners[j];
      int x = d - 1;
      if (x < next
          || x < 0
          || t.kind(x) != WORD
          || t.masked(x)
          || t.code(x)
          || !isChunkStart(s, t, x)) {
        continue;
      }
      char joiner = s[t.start[d]];
      if (joiner == ':') {
        if (R_LOCAL_ENDPOINTS
            && d + 1 < t.size
            && t.maskedWord(d + 1)
            && t.end[x] - t.start[x] == 9
            && regionMatchesIgnoreCase(s, t.start[x], "localhost")) {
          t.mask(x);
        }
        continue;
      }
      if (joiner != '.') {
        continue;
      }
      int last = x;
      int y = x + 1;
      while (y + 1 < t.size && isDelim(s, t, y, '.') && t.kind(y + 1) == WORD && !t.code(y + 1)) {
        last = y + 1;
        y += 2;
      }
      next = last + 1;
      if (last == x || continuesPastName(s, t, last)) {
        continue;
      }
      int labels = (last - x) / 2 + 1;
      boolean name =
          (R_HOST_NAMES && isHostName(s, t, x, last, labels))
              || (R_FILE_NAMES
                  && labels == 2
                  && t.end[last] - t.start[last] <= 10
                  && FILE_EXTENSIONS.containsIgnoreCase(s, t.start[last], t.end[last]));
      if (name) {
        for (int z = x; z <= last; z++) {
          t.mask(z);
        }
      }
    }
  }

  /** Whether token x starts a chunk: the start, or after a space or a value opener. */
  private static boolean isChunkStart(char[] s, MessageTokens t, int x) {
    return x == 0
        || t.kind(x - 1) == SPACE
        || (t.kind(x - 1) == DELIM && isPathOpener(s[t.start[x - 1]]));
  }

  /** Whether the run ending at token last goes on as a path, an address or a call. */
  private static boolean continuesPastName(char[] s, MessageTokens t, int last) {
    if (last + 1 >= t.size || t.kind(last + 1) != DELIM) {
      return false;
    }
    char c = s[t.start[last + 1]];
    return c == '/' || c == '\\' || c == '@' || c == '(' || c == '-' || c == '_';
  }

  /**
   * Lower-case labels of letters, digits and '-', the last a top-level domain or a private suffix:
   * two labels need a generic domain ({@code example.com}), three or more any country code or
   * common domain, unless the first label reads like a reverse-DNS package.
   */
  private static boolean isHostName(char[] s, MessageTokens t, int x, int last, int labels) {
    for (int z = x; z <= last; z += 2) {
      if (t.masked(z)) {
        continue;
      }
      for (int k = t.start[z]; k < t.end[z]; k++) {
        char c = s[k];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
    }
    int from = t.start[last];
    int to = t.end[last];
    if (t.masked(last) || !isLetters(s, from, to)) {
      return false;
    }
    if (INTERNAL_SUFFIXES.containsExact(s, from, to)) {
      return true;
    }
    if (labels == 2) {
      return GENERIC_TLDS.containsExact(s, from, to);
    }
    if (!t.masked(x) && REVERSE_DNS_STARTS.containsExact(s, t.start[x], t.end[x])) {
      return false;
    }
    return (to - from == 2 && !NOT_COUNTRY_CODES.containsExact(s, from, to))
        || LONG_TLDS.containsExact(s, from, to);
  }

  private static boolean isLetters(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (!(c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return to > from;
  }

  /**
   * A bracketed upper-case identifier right after a device noun ({@code Interrupt Link [LNKA]},
   * {@code table [DSDT]}, {@code port [COMA]}) names one of several devices or tables that behave
   * alike. Without the noun a bracketed upper-case word is as often a component tag ({@code [AUTH]
   * login failed}), which is part of the event, so it stays; so do level and outcome words ({@code
   * [ERROR]}, {@code [OK]}).
   */
  private static void maskDeviceIds(char[] s, MessageTokens t) {
    for (int x = 3; x + 1 < t.size; x++) {
      if (t.kind(x) != WORD
          || t.masked(x)
          || !isDelim(s, t, x - 1, '[')
          || !isDelim(s, t, x + 1, ']')
          || t.kind(x - 2) != SPACE
          || t.kind(x - 3) != WORD
          || !DEVICE_NOUNS.containsIgnoreCase(s, t.start[x - 3], t.end[x - 3])) {
        continue;
      }
      int from = t.start[x];
      int to = t.end[x];
      if (to - from < 3
          || to - from > 8
          || !isUpperCaseId(s, from, to)
          || STATUS_WORDS.containsExact(s, from, to)) {
        continue;
      }
      t.mask(x);
    }
  }

  private static boolean isUpperCaseId(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return s[from] >= 'A' && s[from] <= 'Z';
  }

  /** Date words next to masked numbers, units after them, and values of subject keys. */
  private static void maskByContext(char[] s, MessageTokens t) {
    // Only date and unit words are ever masked here, and only next to a masked word, so the
    // rounds visit just those words (in token order, as a visit of every token would). With no
    // masked word in the message, a round masks nothing and ends the rounds.
    int count = t.candidateCount;
    boolean changed = count > 0;
    for (int round = 0; round < 3 && changed; round++) {
      changed = false;
      for (int c = 0; c < count; c++) {
        int x = t.candidates[c];
        if (t.masked(x)) {
          continue;
        }
        int p = x - 1;
        if (p >= 0 && t.kind(p) == SPACE) {
          p--;
        }
        boolean afterMask = p >= 0 && t.maskedWord(p);
        boolean nextToMask = neighbourMasked(s, t, x, -1) || neighbourMasked(s, t, x, 1);
        if (!afterMask && !nextToMask) {
          continue;
        }
        if ((R_DATE_WORDS && nextToMask && DATE_WORDS.containsIgnoreCase(s, t.start[x], t.end[x]))
            || (R_UNIT_WORDS
                && afterMask
                && UNIT_WORDS.containsIgnoreCase(s, t.start[x], t.end[x]))) {
          t.mask(x);
          changed = true;
        }
      }
    }
    for (int x = 2; R_SUBJECT_KEYS && x < t.size && t.sawDelim('='); x++) {
      if (t.kind(x) == WORD
          && !t.masked(x)
          && t.kind(x - 1) == DELIM
          && s[t.start[x - 1]] == '='
          && t.kind(x - 2) == WORD
          && t.end[x - 2] - t.start[x - 2] <= 24
          && isSubjectKey(s, t.start[x - 2], t.end[x - 2])) {
        // the value runs to the next space: "rhost=mail.example.org" is one value
        for (int y = x; y < t.size && t.kind(y) != SPACE; y++) {
          if (t.kind(y) == DELIM && ".-:@".indexOf(s[t.start[y]]) < 0) {
            break;
          }
          t.mask(y);
        }
      }
    }
    for (int x = 0; R_USER_WORD && x + 2 < t.size && t.maybeUser; x++) {
      if (t.kind(x) == WORD
          && t.end[x] - t.start[x] == 4
          && mayStartWithU(s[t.start[x]])
          && regionMatchesIgnoreCase(s, t.start[x], "user")
          && t.kind(x + 1) == SPACE
          && t.kind(x + 2) == WORD
          && !t.masked(x + 2)
          && !STOP_WORDS.containsIgnoreCase(s, t.start[x + 2], t.end[x + 2])) {
        t.mask(x + 2);
      }
    }
  }

  /**
   * The quoted request line of an access log ({@code "GET /v2/abc/servers HTTP/1.1"}) is one field
   * of a fixed format whose variable part is the request target, so the method is kept and the
   * target and protocol version become one value. A request path in prose ({@code GET /v1/orders/x
   * failed}) keeps its skeleton instead (see {@link #maskFilePaths}).
   */
  private static void maskRequestLines(char[] s, MessageTokens t) {
    int len = t.textLength;
    for (int x = 0; x + 4 < t.size; x++) {
      if (!isDelim(s, t, x, '"')
          || t.kind(x + 1) != WORD
          || !HTTP_METHODS.containsExact(s, t.start[x + 1], t.end[x + 1])
          || t.kind(x + 2) != SPACE) {
        continue;
      }
      int y = x + 3;
      while (y < t.size && t.kind(y) != SPACE && !isDelim(s, t, y, '"')) {
        y++;
      }
      if (y + 1 >= t.size
          || t.kind(y) != SPACE
          || t.kind(y + 1) != WORD
          || !startsWith(s, len, t.start[y + 1], "HTTP")) {
        continue;
      }
      int z = y + 1;
      while (z < t.size && t.kind(z) != SPACE && !isDelim(s, t, z, '"')) {
        z++;
      }
      for (int k = x + 3; k < z; k++) {
        if (t.kind(k) != SPACE) {
          t.flags[k] = (byte) ((t.flags[k] | MASKED) & ~CODE);
        }
      }
      x = z;
    }
  }

  /**
   * A value is the whole compound a variable part sits in: {@code
   * Package_for_KB3121255~31bf3856ad364e35~amd64}, {@code dsl-059.45.101.203.example.net}, {@code
   * FF:F2:9F:15:7E:6E} or {@code allreduce_V1R1.rts} vary as one thing, so when any word of a run
   * joined by {@code . ~ : / \ @ + # % $} is masked, all of it is. Brackets, quotes, '=', ',' and
   * ';' delimit values, as does a ':' after a key word ({@code CurrentState:112}); code names and
   * URLs never join a value.
   */
  private static void maskCompoundValues(char[] s, MessageTokens t) {
    // The runs are those of a visit of every token from the left: one starts at each word that
    // is not code and not inside an earlier run. A run of more than one word has a joiner right
    // after its first word, so only the words before a joiner are tried.
    int next = 0;
    for (int j = 0; j < t.joinerCount; j++) {
      int x = t.joiners[j] - 1;
      if (x < next || t.kind(x) != WORD || t.code(x)) {
        continue;
      }
      int last = x;
      boolean anyMasked = t.masked(x);
      int y = x + 1;
      while (true) {
        int d = y;
        while (d < t.size && t.kind(d) == DELIM && isJoiner(s, t, d)) {
          d++;
        }
        // a dot leader ("threshold........0") separates a label from its value
        if (d == y || d - y > 2 || d >= t.size || t.kind(d) != WORD || t.code(d)) {
          break;
        }
        last = d;
        anyMasked |= t.masked(d);
        y = d + 1;
      }
      if (anyMasked && last > x) {
        for (int z = x; z <= last; z++) {
          t.mask(z);
        }
      }
      next = last + 1;
    }
  }

  private static boolean isJoiner(char[] s, MessageTokens t, int d) {
    char c = s[t.start[d]];
    if (c == ':') {
      // "CurrentState:112" is key and value; "FF:F2", "10:42" and "host:8080" are one value
      return d > 0
          && t.kind(d - 1) == WORD
          && (t.masked(d - 1) || isHex(s, t.start[d - 1], t.end[d - 1]));
    }
    return c < 128 && ((c < 64 ? JOINERS_LOW >>> c : JOINERS_HIGH >>> (c - 64)) & 1) != 0;
  }

  /** Whether {@code c} may join a compound value: a joiner, or a ':' (see {@link #isJoiner}). */
  static boolean isJoinerChar(char c) {
    return c == ':'
        || (c < 128 && ((c < 64 ? JOINERS_LOW >>> c : JOINERS_HIGH >>> (c - 64)) & 1) != 0);
  }

  /** The joiners other than ':', as bit sets over the ASCII characters below and from 64. */
  private static final long JOINERS_LOW = bits("./+#%$", 0);

  private static final long JOINERS_HIGH = bits("~\\@", 64);

  private static boolean isHex(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s[k];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return to > from;
  }

  /** Whether the nearest word in direction dir, skipping spaces and commas, is masked. */
  private static boolean neighbourMasked(char[] s, MessageTokens t, int x, int dir) {
    for (int y = x + dir; y >= 0 && y < t.size; y += dir) {
      byte k = t.kind(y);
      if (k == SPACE || (k == DELIM && s[t.start[y]] == ',')) {
        continue;
      }
      return k == WORD && t.masked(y);
    }
    return false;
  }

  /** The characters {@code chars}, each at bit {@code c - base}, for tests without branches. */
  static long bits(String chars, int base) {
    long b = 0;
    for (char c : chars.toCharArray()) {
      b |= 1L << (c - base);
    }
    return b;
  }
}
