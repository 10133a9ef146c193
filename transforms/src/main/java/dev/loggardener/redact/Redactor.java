package dev.loggardener.redact;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from free text before it leaves the pipeline: bearer and JSON
 * web tokens, well-known API key formats, values of secret-looking keys ({@code password=…}, {@code
 * "api_key": "…"}, URL userinfo and query parameters), e-mail addresses, Luhn-valid card numbers
 * and PEM private keys. Each finding is replaced by a marker such as {@code [REDACTED:secret]}
 * while key names are kept so the text stays readable. The class is stateless and thread-safe; one
 * pass over the text ({@link SecretScan#triggers}) tells which rules could apply, every expensive
 * pattern sits behind that or a cheap {@code indexOf}-style guard and is tried only where a match
 * can start, and every repetition is bounded so that megabyte inputs cannot trigger catastrophic
 * backtracking.
 */
public final class Redactor implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String EMAIL = "[REDACTED:email]";
  public static final String SECRET = "[REDACTED:secret]";
  public static final String TOKEN = "[REDACTED:token]";
  public static final String CARD = "[REDACTED:card]";
  public static final String PRIVATE_KEY = "[REDACTED:private_key]";

  private static final Pattern PEM_BEGIN =
      Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----");
  private static final Pattern PEM_END =
      Pattern.compile("-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----");

  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer)[ \\t]{1,8}[A-Za-z0-9\\-._~+/]{8,4096}=*");

  private static final Pattern JWT =
      Pattern.compile(
          "\\beyJ[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{5,8192}(?:\\.[A-Za-z0-9_-]{0,8192})?");

  private static final Pattern API_KEY =
      Pattern.compile(
          "\\bAIza[0-9A-Za-z_-]{30,40}"
              + "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
              + "|\\bgh[pousr]_[A-Za-z0-9]{30,255}"
              + "|\\bgithub_pat_[A-Za-z0-9_]{22,255}"
              + "|\\bxox[abpr]-[A-Za-z0-9-]{10,255}"
              + "|\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,255}");

  private static final Pattern URL_USERINFO =
      Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{0,20}://)[^\\s/?#@:]{0,256}:[^\\s/?#@]{1,256}@");

  /**
   * Any {@code key=value}, {@code key: value} or {@code "key": "value"}; whether the key is
   * secret-bearing is decided in code, which is cheaper and clearer than a giant alternation.
   */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_.-]{0,63})"
              + "([\"']?[ \\t]{0,3}([:=])[ \\t]{0,3})"
              + "(?:(?i)((?:bearer|basic|token|digest)[ \\t]{1,3}))?"
              + "(?:\"([^\"\\n]{0,4096})\"|'([^'\\n]{0,4096})'|([^\\s\"'&,;\\[\\](){}<>]{1,4096}))");

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])");

  /**
   * Card-shaped numbers only: 13–19 contiguous digits or the printed 4-4-4-x and 4-6-5 groupings.
   * Arbitrary digit runs with spaces (counters, ids) and digits glued to words ({@code blk_…}) are
   * left alone; the Luhn check in code removes most remaining lookalikes.
   */
  private static final Pattern CARD_NUMBER =
      Pattern.compile(
          "(?<![\\w.+-])[2-6](?:[0-9]{12,18}|[0-9]{3}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{1,7}"
              + "|[0-9]{3}([ -])[0-9]{6}\\2[0-9]{4,5})(?![\\w-]|\\.[0-9])");

  private Redactor() {}

  /** Returns {@code text} with secrets and personal data replaced; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return redact(text, SecretScan.chars(text));
  }

  /**
   * {@link #redact(String)} for a caller that already holds the characters of {@code text} in
   * {@code chars[0, text.length())}, which spares a copy; the array is only read.
   */
  public static String redact(String text, char[] chars) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    int found = SecretScan.triggers(chars, text.length());
    if (found == 0) {
      return text;
    }
    if ((found & SecretScan.NEEDS_EXACT) != 0) {
      return redactExact(text, chars);
    }
    return redactFound(text, chars, found);
  }

  /**
   * The path for texts that {@link SecretScan#triggers} leaves to the exact scans (non-ASCII text,
   * PEM blocks): the pre-scan and the guards of every rule evaluated on the text itself.
   */
  private static String redactExact(String text, char[] chars) {
    int first = SecretScan.mayNeedRedaction(chars, text.length());
    if (first < 0) {
      return text;
    }
    String s = text;
    if (s.indexOf("-----BEGIN") >= 0) {
      s = redactPem(s);
      chars = SecretScan.chars(s);
      first = 0;
    }
    // the pre-scan found no key word before `first`
    boolean keyword = SecretScan.containsSecretKeyword(chars, first, s.length());
    int found = SecretScan.JWT_PREFIX | SecretScan.API_KEY_PREFIX | SecretScan.AT_SIGN;
    if (keyword) {
      found |= SecretScan.KEY_WORD;
      if (SecretScan.containsIgnoreCase(chars, s.length(), "bearer")) {
        found |= SecretScan.BEARER_WORD;
      }
    }
    if (hasDigitRun(s, 13)) {
      found |= SecretScan.CARD_RUN;
    }
    return redactFound(s, chars, found);
  }

  /**
   * Applies the rules to {@code text} (free of PEM blocks) whose flags in {@code found} are set;
   * {@code chars} holds its characters (from {@link SecretScan#chars}, which nothing on the way to
   * the key-value rule calls again). A flag must be set whenever its rule could change the text as
   * it stands when the rule runs; flags of {@code text} itself qualify: a replacement puts in a
   * bracketed marker, and no trigger contains a bracket, so the text of a later rule holds no
   * trigger that {@code text} lacks. The secret key words inside the markers ("secret", "token")
   * only ever follow a '[' or ':' and precede ']', where the key-value rule takes no key (see
   * {@link #redactKeyValues}). Digit runs are the exception: a marker may end right before digits
   * that a longer word glued to, making them card-shaped, so the card rule also runs when any rule
   * changed the text and a long digit run is left. Where a rule keeps its own guard on the current
   * text, the flag only spares that guard's cost.
   */
  private static String redactFound(String text, char[] chars, int found) {
    String s = text;
    if ((found & SecretScan.BEARER_WORD) != 0) {
      s = BEARER.matcher(s).replaceAll("$1 " + Matcher.quoteReplacement(TOKEN));
    }
    if ((found & SecretScan.JWT_PREFIX) != 0 && s.indexOf("eyJ") >= 0) {
      s = JWT.matcher(s).replaceAll(Matcher.quoteReplacement(TOKEN));
    }
    // mayContainApiKey stays the guard, so this rule runs exactly when it did
    if ((found & SecretScan.API_KEY_PREFIX) != 0 && mayContainApiKey(s)) {
      s = API_KEY.matcher(s).replaceAll(Matcher.quoteReplacement(TOKEN));
    }
    if ((found & SecretScan.AT_SIGN) != 0 && s.indexOf('@') >= 0) {
      if (s.indexOf("://") >= 0) {
        s = URL_USERINFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(SECRET) + "@");
      }
      s = redactEmails(s);
    }
    if ((found & SecretScan.KEY_WORD) != 0) {
      s = redactKeyValues(s, s == text ? chars : SecretScan.chars(s));
    }
    if ((found & SecretScan.CARD_RUN) != 0 || (s != text && hasDigitRun(s, 13))) {
      s = redactCards(s);
    }
    return s;
  }

  /**
   * Begin and end markers are searched separately (a lazy ".*?" between them rescans the rest of
   * the input for every BEGIN and is quadratic); a block without END runs to the end, since a
   * cut-off key is still a key.
   */
  private static String redactPem(String s) {
    Matcher begin = PEM_BEGIN.matcher(s);
    Matcher end = PEM_END.matcher(s);
    StringBuilder out = null;
    int last = 0;
    int from = 0;
    while (from < s.length() && begin.find(from)) {
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, last, begin.start()).append(PRIVATE_KEY);
      last = end.find(begin.end()) ? end.end() : s.length();
      from = last;
    }
    if (out == null) {
      return s;
    }
    return out.append(s, last, s.length()).toString();
  }

  /**
   * {@link #EMAIL_ADDRESS} tried (anchored) only where an address can start, instead of at every
   * position of the line: the local part is a whole run of local-part characters that ends at an
   * '@' (the pattern's look-behind and the '@' admit nothing else), so the candidate starts are the
   * beginnings of those runs, in increasing order. Same matches and output as {@code replaceAll}.
   */
  private static String redactEmails(String s) {
    int n = s.length();
    Matcher m = null;
    StringBuilder out = null;
    int last = 0;
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      int r = at;
      while (r > 0 && at - r < 65 && isLocalPartChar(s.charAt(r - 1))) {
        r--;
      }
      if (r == at || at - r > 64 || (r > 0 && isLocalPartChar(s.charAt(r - 1))) || r < last) {
        continue;
      }
      if (m == null) {
        m = EMAIL_ADDRESS.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(r, n);
      if (!m.lookingAt()) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, last, r).append(EMAIL);
      last = m.end();
    }
    if (out == null) {
      return s;
    }
    return out.append(s, last, n).toString();
  }

  /** The characters of an e-mail local part in {@link #EMAIL_ADDRESS}. */
  private static boolean isLocalPartChar(char c) {
    return isAsciiLetter(c)
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '%'
        || c == '+'
        || c == '-';
  }

  /**
   * Only keys that contain a secret key word matter, so instead of letting {@link #KEY_VALUE} find
   * every {@code key=value} of the line, the key runs are found by a character scan and the pattern
   * is tried (anchored) only at the start of a secret one. A key is always a whole run of key
   * characters that starts with a letter and is at most 64 long, because the pattern's look-behind
   * and separator admit nothing else; a skipped non-secret match would only have moved the search
   * past its key and separator, where no key can start. So this finds the same matches as searching
   * with the pattern from left to right.
   *
   * <p>The runs are reached from the separators (':' and '=', found by {@code indexOf}, in
   * increasing order) rather than by scanning every character: the separator group that must follow
   * a key has one shape ({@link #keyEndBefore}), so each separator belongs to at most one key run,
   * found by reading that shape backwards ({@link #keyEndBefore}), and every run with a separator
   * is reached from its own, in the order of the runs.
   */
  private static String redactKeyValues(String s, char[] a) {
    int n = s.length();
    Matcher m = null;
    StringBuilder out = null;
    int last = 0;
    int from = 0;
    int nextColon = s.indexOf(':');
    int nextEquals = s.indexOf('=');
    while (nextColon >= 0 || nextEquals >= 0) {
      int sep;
      if (nextEquals < 0 || (nextColon >= 0 && nextColon < nextEquals)) {
        sep = nextColon;
        nextColon = s.indexOf(':', sep + 1);
      } else {
        sep = nextEquals;
        nextEquals = s.indexOf('=', sep + 1);
      }
      int i = keyEndBefore(a, sep);
      if (i < 0) {
        continue;
      }
      int r = i;
      while (r > 0 && i - r < 65 && isKeyChar(a[r - 1])) {
        r--;
      }
      // a run of 65 or more is no key; otherwise [r, i) is the whole run
      if (r < from || i - r > 64 || !isAsciiLetter(a[r]) || !SecretScan.isSecretKey(a, r, i)) {
        continue;
      }
      int valueStart = afterBlanks(a, n, sep + 1);
      int valueEnd = plainValueEnd(a, n, valueStart);
      if (valueEnd >= 0) {
        // the pattern's match, group by group, as plainValueEnd explains: key r..i, separator
        // group ending at valueStart, no scheme, unquoted value valueStart..valueEnd
        from = valueStart;
        if (a[sep] == ':' && !looksLikeCredential(a, valueStart, valueEnd)) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, last, valueStart).append(SECRET);
        from = valueEnd;
        last = valueEnd;
        continue;
      }
      if (m == null) {
        m = KEY_VALUE.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(r, n);
      if (!m.lookingAt()) {
        continue;
      }
      // on a skip, resume right after the separator so "Cookie: sid=abc" still sees "sid=abc"
      from = m.end(2);
      String key = m.group(1);
      boolean quoted = m.group(5) != null || m.group(6) != null;
      String value = quoted ? (m.group(5) != null ? m.group(5) : m.group(6)) : m.group(7);
      boolean colon = ":".equals(m.group(3));
      boolean scheme = m.group(4) != null;
      // "key: value" is also ordinary prose ("refresh token: connection refused"), so only
      // values that look like credentials are taken there; "key=value" is always a setting.
      if (value.isEmpty() || value.startsWith("[REDACTED")) {
        continue;
      }
      if (colon && !quoted && !scheme && !looksLikeCredential(a, m.start(7), m.end(7))) {
        continue;
      }
      from = m.end();
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, last, m.start());
      out.append(key).append(m.group(2));
      if (scheme) {
        out.append(m.group(4));
      }
      int valueFrom = quoted ? (m.group(5) != null ? m.start(5) : m.start(6)) : m.start(7);
      int valueTo = quoted ? (m.group(5) != null ? m.end(5) : m.end(6)) : m.end(7);
      // keep the opening/closing quote characters so JSON stays JSON
      out.append(s, m.end(4) >= 0 ? m.end(4) : m.end(2), valueFrom);
      out.append(SECRET);
      out.append(s, valueTo, m.end());
      last = m.end();
    }
    if (out == null) {
      return s;
    }
    out.append(s, last, s.length());
    return out.toString();
  }

  /**
   * The end of the key run whose separator group ({@code ["']?[ \t]{0,3}([:=])}) ends with the
   * separator at {@code sep}, or -1: the group read backwards, the run ending right before it. The
   * group has a single way to match after a key: a shorter quote or blank run would leave a quote
   * or blank where the next part needs a blank or ':' or '=', so four blanks, or blanks before the
   * quote, mean no match.
   */
  private static int keyEndBefore(char[] a, int sep) {
    int j = sep;
    while (j > 0 && isBlank(a[j - 1])) {
      if (sep - --j > 3) {
        return -1;
      }
    }
    if (j > 0 && (a[j - 1] == '"' || a[j - 1] == '\'')) {
      j--;
    }
    return j > 0 && isKeyChar(a[j - 1]) ? j : -1;
  }

  /** The index after the up to three blanks at {@code i} that a {@code [ \t]{0,3}} takes. */
  private static int afterBlanks(char[] a, int n, int i) {
    for (int k = 0; k < 3 && i < n && isBlank(a[i]); k++) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * The end of the value of {@link #KEY_VALUE} when it is plain: -1 unless the value at {@code v}
   * starts with an ASCII character of the unquoted value class other than the first letters of the
   * schemes (b, t, d in either case) and the run of such characters ends at an ASCII character, the
   * text end or after 4096 characters. Then the match is decided without the matcher: the optional
   * scheme group cannot start at {@code v} (a case-insensitive ASCII literal matches only its two
   * ASCII cases), the quoted values need a quote at {@code v}, and the unquoted value takes the run
   * greedily and ends the pattern, so the first attempt succeeds and no backtracking happens
   * (blanks of the separator group and the key were already decided, see {@link #keyEndBefore}).
   * Non-ASCII characters are left to the matcher, which counts the 4096 in code points.
   */
  private static int plainValueEnd(char[] a, int n, int v) {
    if (v >= n || !isPlainValueChar(a[v]) || isSchemeInitial(a[v])) {
      return -1;
    }
    int e = v + 1;
    int max = Math.min(n, v + 4096);
    while (e < max && isPlainValueChar(a[e])) {
      e++;
    }
    return e < max && a[e] >= 128 ? -1 : e;
  }

  /** An ASCII character of the unquoted value class {@code [^\s"'&,;\[\](){}<>]}. */
  private static boolean isPlainValueChar(char c) {
    return c < 128 && PLAIN_VALUE_CHAR[c];
  }

  private static final boolean[] PLAIN_VALUE_CHAR = new boolean[128];
  private static final boolean[] KEY_CHAR = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      // \s of java.util.regex without UNICODE_CHARACTER_CLASS is [ \t\n\x0B\f\r]
      PLAIN_VALUE_CHAR[c] = " \t\n\u000B\f\r\"'&,;[](){}<>".indexOf(c) < 0;
      KEY_CHAR[c] = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }
  }

  private static boolean isSchemeInitial(char c) {
    char lower = (char) (c | 0x20);
    return lower == 'b' || lower == 't' || lower == 'd';
  }

  /** The characters of a key name in {@link #KEY_VALUE}: {@code [A-Za-z0-9_.-]}. */
  private static boolean isKeyChar(char c) {
    return c < 128 && KEY_CHAR[c];
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Whether the value {@code a[from, to)} looks like a credential rather than prose. */
  private static boolean looksLikeCredential(char[] a, int from, int to) {
    if (to - from < 8) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    for (int i = from; i < to; i++) {
      char c = a[i];
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else {
        other = true;
      }
    }
    return digit || (upper && lower) || (other && to - from >= 16);
  }

  /**
   * {@link #CARD_NUMBER} tried (anchored) only where a card can start, as {@link #redactEmails}
   * does: a match starts with a digit 2-6 that no character of {@code [\\w.+-]} precedes (the
   * look-behind, in ASCII since there is no UNICODE_CHARACTER_CLASS) and that three more digits
   * follow (every alternative goes on with {@code [0-9]{3}}). Candidates are tried in increasing
   * order from the end of the last match, Luhn-valid or not, which is where {@code find} goes on,
   * so the matches are the same.
   */
  private static String redactCards(String s) {
    int n = s.length();
    Matcher m = null;
    StringBuilder out = null;
    int last = 0;
    int from = 0;
    for (int i = 0; i + 3 < n; i++) {
      if (i < from || !mayStartCard(s, i)) {
        continue;
      }
      if (m == null) {
        m = CARD_NUMBER.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(i, n);
      if (!m.lookingAt()) {
        continue;
      }
      from = m.end();
      if (!luhn(m.group())) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, last, m.start()).append(CARD);
      last = m.end();
    }
    if (out == null) {
      return s;
    }
    return out.append(s, last, s.length()).toString();
  }

  /** The necessary start of a {@link #CARD_NUMBER} match at {@code i}, see {@link #redactCards}. */
  private static boolean mayStartCard(String s, int i) {
    char c = s.charAt(i);
    if (c < '2' || c > '6' || (i > 0 && SecretScan.cardGlue(s.charAt(i - 1)))) {
      return false;
    }
    return isDigit(s.charAt(i + 1)) && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean luhn(String candidate) {
    int sum = 0;
    int n = 0;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if ((n & 1) == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      n++;
    }
    return n >= 13 && n <= 19 && sum % 10 == 0;
  }

  /**
   * True if some run of digits, spaces and dashes holds at least {@code min} digits. Such a run is
   * at least {@code min} characters long, so the scan looks at windows of that length from the
   * start of a run and, when one holds another character, skips to the run after it (only the
   * window's last such character matters, so it is looked for from the right). Only runs that fill
   * a window are counted, from their start, as a left-to-right count would.
   */
  private static boolean hasDigitRun(String s, int min) {
    int n = s.length();
    int start = 0; // the start of a run: the text start or right after a non-run character
    while (start + min <= n) {
      int j = start + min - 1;
      while (j >= start && isRunChar(s.charAt(j))) {
        j--;
      }
      if (j >= start) {
        start = j + 1;
        continue;
      }
      int digits = 0;
      int k = start;
      for (char c; k < n && isRunChar(c = s.charAt(k)); k++) {
        if (c != ' ' && c != '-' && ++digits >= min) {
          return true;
        }
      }
      start = k + 1;
    }
    return false;
  }

  private static boolean isRunChar(char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '-';
  }

  /**
   * The pre-scan as {@link #redact} makes it, for tests: the trigger scan, or for the texts it
   * leaves to the exact scan, {@link SecretScan#mayNeedRedaction}.
   */
  static boolean mayNeedRedaction(String s) {
    char[] chars = SecretScan.chars(s);
    int found = SecretScan.triggers(chars, s.length());
    if ((found & SecretScan.NEEDS_EXACT) != 0) {
      return SecretScan.mayNeedRedaction(chars, s.length()) >= 0;
    }
    return found != 0;
  }

  private static boolean mayContainApiKey(String s) {
    return s.indexOf("AIza") >= 0
        || s.indexOf("AKIA") >= 0
        || s.indexOf("ASIA") >= 0
        || s.indexOf("gh") >= 0 && (s.indexOf("_") >= 0)
        || s.indexOf("github_pat_") >= 0
        || s.indexOf("xox") >= 0
        || s.indexOf("k_live_") >= 0
        || s.indexOf("k_test_") >= 0;
  }
}
