package dev.loggardener.redact;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from free text before it leaves the pipeline: bearer and
 * JSON web tokens, well-known API key formats, values of secret-looking keys ({@code
 * password=…}, {@code "api_key": "…"}, URL userinfo and query parameters), e-mail addresses,
 * Luhn-valid card numbers and PEM private keys. Each finding is replaced by a marker such as
 * {@code [REDACTED:secret]} while key names are kept so the text stays readable. The class is
 * stateless and thread-safe; every expensive pattern sits behind a cheap {@code indexOf}-style
 * guard, and every repetition is bounded so that megabyte inputs cannot trigger catastrophic
 * backtracking.
 */
public final class Redactor implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String EMAIL = "[REDACTED:email]";
  public static final String SECRET = "[REDACTED:secret]";
  public static final String TOKEN = "[REDACTED:token]";
  public static final String CARD = "[REDACTED:card]";
  public static final String PRIVATE_KEY = "[REDACTED:private_key]";

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----");
  private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----");

  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer)[ \\t]{1,8}[A-Za-z0-9\\-._~+/]{8,4096}=*");

  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{5,8192}(?:\\.[A-Za-z0-9_-]{0,8192})?");

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
   * Arbitrary digit runs with spaces (counters, ids) and digits glued to words ({@code blk_…})
   * are left alone; the Luhn check in code removes most remaining lookalikes.
   */
  private static final Pattern CARD_NUMBER =
      Pattern.compile(
          "(?<![\\w.+-])[2-6](?:[0-9]{12,18}|[0-9]{3}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{1,7}"
              + "|[0-9]{3}([ -])[0-9]{6}\\2[0-9]{4,5})(?![\\w-]|\\.[0-9])");

  /** Lower-case fragments that make a key name secret-bearing. */
  private static final String[] SECRET_KEY_WORDS = {
    "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key",
    "access_key", "accesskey", "private_key", "privatekey", "credential", "auth", "session",
    "cookie"
  };

  private Redactor() {}

  /** Returns {@code text} with secrets and personal data replaced; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty() || !mayNeedRedaction(text)) {
      return text;
    }
    String s = text;
    if (s.indexOf("-----BEGIN") >= 0) {
      s = redactPem(s);
    }
    boolean keyword = containsSecretKeyword(s);
    if (keyword && indexOfIgnoreCase(s, "bearer") >= 0) {
      s = BEARER.matcher(s).replaceAll("$1 " + Matcher.quoteReplacement(TOKEN));
    }
    if (s.indexOf("eyJ") >= 0) {
      s = JWT.matcher(s).replaceAll(Matcher.quoteReplacement(TOKEN));
    }
    if (mayContainApiKey(s)) {
      s = API_KEY.matcher(s).replaceAll(Matcher.quoteReplacement(TOKEN));
    }
    if (s.indexOf('@') >= 0) {
      if (s.indexOf("://") >= 0) {
        s = URL_USERINFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(SECRET) + "@");
      }
      s = EMAIL_ADDRESS.matcher(s).replaceAll(Matcher.quoteReplacement(EMAIL));
    }
    if (keyword) {
      s = redactKeyValues(s);
    }
    if (hasDigitRun(s, 13)) {
      s = redactCards(s);
    }
    return s;
  }

  /**
   * Begin and end markers are searched separately (a lazy ".*?" between them rescans the rest
   * of the input for every BEGIN and is quadratic); a block without END runs to the end, since
   * a cut-off key is still a key.
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

  private static String redactKeyValues(String s) {
    Matcher m = KEY_VALUE.matcher(s);
    StringBuilder out = null;
    int last = 0;
    int from = 0;
    while (from < s.length() && m.find(from)) {
      // on a skip, resume right after the separator so "Cookie: sid=abc" still sees "sid=abc"
      from = m.end(2);
      String key = m.group(1);
      if (!isSecretKey(key)) {
        continue;
      }
      boolean quoted = m.group(5) != null || m.group(6) != null;
      String value = quoted ? (m.group(5) != null ? m.group(5) : m.group(6)) : m.group(7);
      boolean colon = ":".equals(m.group(3));
      boolean scheme = m.group(4) != null;
      // "key: value" is also ordinary prose ("refresh token: connection refused"), so only
      // values that look like credentials are taken there; "key=value" is always a setting.
      if (value.isEmpty() || value.startsWith("[REDACTED")) {
        continue;
      }
      if (colon && !quoted && !scheme && !looksLikeCredential(value)) {
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
      int valueStart = quoted ? (m.group(5) != null ? m.start(5) : m.start(6)) : m.start(7);
      int valueEnd = quoted ? (m.group(5) != null ? m.end(5) : m.end(6)) : m.end(7);
      // keep the opening/closing quote characters so JSON stays JSON
      out.append(s, m.end(4) >= 0 ? m.end(4) : m.end(2), valueStart);
      out.append(SECRET);
      out.append(s, valueEnd, m.end());
      last = m.end();
    }
    if (out == null) {
      return s;
    }
    out.append(s, last, s.length());
    return out.toString();
  }

  private static boolean looksLikeCredential(String v) {
    if (v.length() < 8) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
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
    return digit || (upper && lower) || (other && v.length() >= 16);
  }

  static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String w : SECRET_KEY_WORDS) {
      if (k.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static String redactCards(String s) {
    Matcher m = CARD_NUMBER.matcher(s);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
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

  /** True if some run of digits, spaces and dashes holds at least {@code min} digits. */
  private static boolean hasDigitRun(String s, int min) {
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= min) {
          return true;
        }
      } else if (c != ' ' && c != '-') {
        digits = 0;
      }
    }
    return false;
  }

  /**
   * One pass, no allocation: false when no rule below could match, which is the case for most
   * log lines. It looks for the characters and words every rule needs ('@', a long digit run,
   * a PEM, JWT or API-key prefix, a secret key word), so it may say yes in vain but never no
   * in vain.
   */
  static boolean mayNeedRedaction(String s) {
    int n = s.length();
    int digits = 0; // of a card-shaped run: starts with 2-6 after no word char, '.', '+' or '-'
    char prev = ' ';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= '9') {
        if (c >= '0') {
          if (digits > 0 || (c >= '2' && c <= '6' && !cardGlue(prev))) {
            if (++digits >= 13) {
              return true;
            }
          }
        } else if (c == '-') {
          if (prev == '-' && s.startsWith("----BEGIN", i)) {
            return true;
          }
        } else if (c != ' ') {
          digits = 0;
        }
      } else {
        digits = 0;
        if (c == '@') {
          return true;
        }
        // rare letters and the first two letters of every prefix and key word, inline
        char lower = (char) (c | 0x20);
        if (i + 1 < n
            && "psotacubekgxrwhy".indexOf(lower) >= 0
            && (mayStartKey(s, i, c, s.charAt(i + 1)))) {
          return true;
        }
      }
      prev = c;
    }
    return false;
  }

  private static boolean mayStartKey(String s, int i, char c, char next) {
    switch (c) {
      case 'e':
        if (next == 'y' && s.startsWith("eyJ", i)) {
          return true;
        }
        break;
      case 'A':
        if (s.startsWith("AIza", i) || s.startsWith("AKIA", i) || s.startsWith("ASIA", i)) {
          return true;
        }
        break;
      case 'g':
        if (next == 'h' || next == 'i') {
          int n = s.length();
          if (s.startsWith("github_pat_", i)
              || (i + 3 < n && next == 'h' && "pousr".indexOf(s.charAt(i + 2)) >= 0
                  && s.charAt(i + 3) == '_')) {
            return true;
          }
        }
        break;
      case 'x':
        if (next == 'o' && s.startsWith("xox", i)) {
          return true;
        }
        break;
      case 'k':
        if (next == '_' && (s.startsWith("k_live_", i) || s.startsWith("k_test_", i))) {
          return true;
        }
        break;
      default:
        break;
    }
    return secretKeywordAt(s, i, (char) (c | 0x20), (char) (next | 0x20));
  }

  /** Characters that, right before a digit, make it part of a word or number, not a card. */
  private static boolean cardGlue(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '+' || c == '-';
  }

  /** Whether a secret key word or "bearer" starts at i; c0, c1 are its first two chars, lower-cased. */
  private static boolean secretKeywordAt(String s, int i, char c0, char c1) {
    switch (c0) {
      case 'p':
        return (c1 == 'a' && s.regionMatches(true, i, "passw", 0, 5))
            || (c1 == 'w' && s.regionMatches(true, i, "pwd", 0, 3))
            || (c1 == 'r' && s.regionMatches(true, i, "private", 0, 7));
      case 's':
        return c1 == 'e'
            && (s.regionMatches(true, i, "secret", 0, 6) || s.regionMatches(true, i, "session", 0, 7));
      case 't':
        return c1 == 'o' && s.regionMatches(true, i, "token", 0, 5);
      case 'a':
        return (c1 == 'u' && s.regionMatches(true, i, "auth", 0, 4))
            || (c1 == 'p' && s.regionMatches(true, i, "api", 0, 3))
            || (c1 == 'c' && s.regionMatches(true, i, "access", 0, 6));
      case 'c':
        return (c1 == 'r' && s.regionMatches(true, i, "credential", 0, 10))
            || (c1 == 'o' && s.regionMatches(true, i, "cookie", 0, 6));
      case 'b':
        return c1 == 'e' && s.regionMatches(true, i, "bearer", 0, 6);
      default:
        return false;
    }
  }

  private static boolean mayContainApiKey(String s) {
    return s.indexOf("AIza") >= 0
        || s.indexOf("AKIA") >= 0
        || s.indexOf("ASIA") >= 0
        || s.indexOf("gh") >= 0 && (s.indexOf("_") >= 0)
        || s.indexOf("xox") >= 0
        || s.indexOf("k_live_") >= 0
        || s.indexOf("k_test_") >= 0;
  }

  /** Single pass, ASCII-case-insensitive search for any secret key word or "bearer". */
  static boolean containsSecretKeyword(String s) {
    int n = s.length() - 1;
    for (int i = 0; i < n; i++) {
      if (secretKeywordAt(s, i, (char) (s.charAt(i) | 0x20), (char) (s.charAt(i + 1) | 0x20))) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfIgnoreCase(String s, String needle) {
    int max = s.length() - needle.length();
    for (int i = 0; i <= max; i++) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }
}
