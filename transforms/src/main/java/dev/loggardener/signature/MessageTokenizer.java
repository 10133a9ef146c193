package dev.loggardener.signature;

import static dev.loggardener.signature.CharArrays.indexOf;
import static dev.loggardener.signature.CharArrays.lastIndexOf;
import static dev.loggardener.signature.CharArrays.startsWith;
import static dev.loggardener.signature.MessageTokens.CODE;
import static dev.loggardener.signature.MessageTokens.DELIM;
import static dev.loggardener.signature.MessageTokens.KEEP;
import static dev.loggardener.signature.MessageTokens.WORD;

import java.util.Locale;

/**
 * Splits a message into typed tokens (spaces, words, delimiters, spans kept verbatim) and marks the
 * values it can tell on its own: words with a digit that are not code names or API versions, e-mail
 * addresses, the user, numbered host, port and query values of URLs, redaction markers and empty
 * fields. The normalizer's passes then mark the values that need neighbouring tokens.
 */
final class MessageTokenizer {
  private MessageTokenizer() {}

  private static final String REDACTED_PREFIX = "[REDACTED:";
  private static final boolean R_CODE_WORDS = NormalizerRule.CODE_WORDS.enabled();

  /**
   * Classes of the ASCII characters, so the tokenizer needs one load instead of a chain of tests.
   */
  private static final byte[] ASCII_CLASS = new byte[128];

  /** A delimiter that may open an empty value or a redaction marker: '(', '[' or '"'. */
  private static final byte C_OPEN = 1;

  private static final byte C_SPACE = 2;
  private static final byte C_WORD = 3;
  private static final byte C_DIGIT = 4;

  static {
    for (char c : " \t\n\r\f\u000B".toCharArray()) {
      ASCII_CLASS[c] = C_SPACE;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_CLASS[c] = C_WORD;
      ASCII_CLASS[c - 0x20] = C_WORD;
    }
    ASCII_CLASS['_'] = C_WORD;
    ASCII_CLASS['-'] = C_WORD;
    ASCII_CLASS['('] = C_OPEN;
    ASCII_CLASS['['] = C_OPEN;
    ASCII_CLASS['"'] = C_OPEN;
    for (char c = '0'; c <= '9'; c++) {
      ASCII_CLASS[c] = C_DIGIT;
    }
  }

  static boolean isWordChar(char c) {
    return c < 128 ? ASCII_CLASS[c] >= C_WORD : Character.isLetterOrDigit(c);
  }

  static boolean isSpace(char c) {
    return c < 128 && ASCII_CLASS[c] == C_SPACE;
  }

  static void tokenize(char[] s, int n, MessageTokens t) {
    int len = t.textLength;
    t.reserve(n);
    t.size = 0;
    t.delims = 0;
    t.candidateCount = 0;
    t.maybeUser = false;
    t.dotBeforeUpper = false;
    t.dotAfterMask = false;
    t.joinerCount = 0;
    int i = 0;
    while (i < n) {
      char c = s[i];
      // one class per character decides the kind of token it starts
      byte cls = c < 128 ? ASCII_CLASS[c] : Character.isLetterOrDigit(c) ? C_WORD : 0;
      if (cls == C_SPACE) {
        int j = i + 1;
        while (j < n && isSpace(s[j])) {
          j++;
        }
        t.addSpace(i, j);
        i = j;
      } else if (cls >= C_WORD) {
        // words are masked as they are added (isVariableWord); one without digits never is
        boolean digit = cls == C_DIGIT;
        int j = i + 1;
        while (j < n) {
          char d = s[j];
          if (d < 128) {
            byte dc = ASCII_CLASS[d];
            if (dc < C_WORD) {
              break;
            }
            digit |= dc == C_DIGIT;
          } else if (!Character.isLetterOrDigit(d)) {
            break;
          }
          j++;
        }
        // Only the rare word followed by ':' '/' '/' or '@' needs the URL and e-mail logic.
        if (j < n && (s[j] == '@' || (s[j] == ':' && startsWith(s, len, j + 1, "//")))) {
          int before = t.size;
          int k = special(s, n, i, j, t);
          if (k > i) {
            // a URL's parts never join a neighbouring value; an e-mail address does, so that the
            // local part before a '.' ("bob.smith@...") is part of it
            for (int x = s[j] == '@' ? t.size : before; x < t.size; x++) {
              t.flags[x] |= CODE;
            }
            i = k;
            continue;
          }
        }
        t.addWord(i, j, digit && isVariableWord(s, i, j));
        i = j;
      } else if (cls == C_OPEN && c == '[' && startsWith(s, len, i, REDACTED_PREFIX)) {
        // Redactor markers stand for a value, and whether a value is redacted (a Luhn-valid
        // number, a credential-looking word) must not split a group.
        int close = indexOf(s, n, ']', i);
        int j = close < 0 ? n : close + 1;
        t.addWord(i, j, true);
        i = j;
      } else {
        t.addDelim(i);
        i++;
      }
    }
  }

  /**
   * Handles an e-mail address or a URL whose first word is {@code s[i, j)}. Adds tokens and returns
   * the index after them, or {@code i} if this is neither.
   */
  private static int special(char[] s, int n, int i, int j, MessageTokens t) {
    if (s[j] == '@') {
      int end = emailEnd(s, n, i, j);
      if (end < 0) {
        return i;
      }
      t.add(i, end, WORD, true);
      return end;
    }
    // URL: scheme "://" [userinfo "@"] host [":" port], then the path is ordinary tokens.
    for (int k = i; k < j; k++) {
      char c = s[k];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-')) {
        return i;
      }
    }
    int hostStart = j + 3;
    int authEnd = hostStart;
    while (authEnd < n) {
      char c = s[authEnd];
      if (isSpace(c)
          || c == '/'
          || c == '?'
          || c == '#'
          || c == '"'
          || c == '\''
          || c == '>'
          || c == ')'
          || c == ']') {
        break;
      }
      authEnd++;
    }
    t.add(i, hostStart, KEEP, false);
    int at = lastIndexOf(s, '@', hostStart, authEnd);
    if (at >= hostStart) {
      t.add(hostStart, at + 1, WORD, true);
      hostStart = at + 1;
    }
    int portColon = -1;
    boolean digit = false;
    for (int k = hostStart; k < authEnd; k++) {
      char c = s[k];
      if (c == ':' && s[hostStart] != '[') {
        portColon = k;
        break;
      }
      if (c >= '0' && c <= '9') {
        digit = true;
      }
    }
    int hostEnd = portColon >= 0 ? portColon : authEnd;
    if (hostEnd > hostStart) {
      // literal addresses and numbered hosts vary per instance, named hosts identify a service
      t.add(hostStart, hostEnd, digit ? WORD : KEEP, digit);
    }
    if (hostEnd < authEnd) {
      t.add(hostEnd, authEnd, WORD, true);
    }
    int k = authEnd;
    // path and query: ordinary tokens, except that query values are always masked
    boolean inQuery = false;
    while (k < n && !isSpace(s[k])) {
      char c = s[k];
      if (c == '?' || c == '#') {
        inQuery = true;
        t.add(k, k + 1, DELIM, false);
        k++;
      } else if (inQuery && c == '=') {
        t.add(k, k + 1, DELIM, false);
        int v = k + 1;
        while (v < n
            && !isSpace(s[v])
            && s[v] != '&'
            && s[v] != '#'
            && s[v] != '"'
            && s[v] != '\'') {
          v++;
        }
        if (v > k + 1) {
          t.add(k + 1, v, WORD, true);
        }
        k = v;
      } else if (c == '"' || c == '\'' || c == '>' || c == ')' || c == ']') {
        return k;
      } else if (isWordChar(c)) {
        int e = k + 1;
        while (e < n && isWordChar(s[e])) {
          e++;
        }
        t.add(k, e, WORD, isVariableWord(s, k, e));
        k = e;
      } else {
        t.add(k, k + 1, DELIM, false);
        k++;
      }
    }
    return k;
  }

  /** End index of the e-mail address whose local part starts at i and '@' is at j, or -1. */
  private static int emailEnd(char[] s, int n, int i, int j) {
    int k = j + 1;
    int lastDot = -1;
    while (k < n) {
      char c = s[k];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
        k++;
      } else if (c == '.' && k + 1 < n && isWordChar(s[k + 1])) {
        lastDot = k;
        k++;
      } else {
        break;
      }
    }
    if (lastDot < 0 || k - lastDot - 1 < 2) {
      return -1;
    }
    for (int p = lastDot + 1; p < k; p++) {
      char c = s[p];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return -1;
      }
    }
    return k;
  }

  /**
   * A word is variable if it has a digit, unless it reads like a code name such as {@code log4j},
   * {@code k8s} or {@code i18n}: letters, one short run of digits, letters.
   */
  static boolean isVariableWord(char[] s, int from, int to) {
    char first = s[from];
    if ((first >= '0' && first <= '9') || first == '_' || first == '-') {
      // neither a version (a 'v' first) nor a code name (a letter first): a word with a digit
      // that starts so is variable, and one that starts with a digit has one
      return hasDigit(s, from, to);
    }
    int digits = 0;
    int digitRuns = 0;
    boolean prevDigit = false;
    boolean joiner = false;
    for (int k = from; k < to; k++) {
      char c = s[k];
      boolean d = c >= '0' && c <= '9';
      if (d) {
        digits++;
        if (!prevDigit) {
          digitRuns++;
        }
      } else if (c == '_' || c == '-') {
        joiner = true;
      }
      prevDigit = d;
    }
    if (digits == 0) {
      return false;
    }
    if (!R_CODE_WORDS) {
      return true;
    }
    if (isVersionWord(s, from, to)) {
      return false;
    }
    boolean codeName =
        !joiner
            && digitRuns == 1
            && digits <= 2
            && to - from >= 3
            && Character.isLetter(s[from])
            && Character.isLetter(s[to - 1]);
    return !codeName;
  }

  private static boolean hasDigit(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (s[k] >= '0' && s[k] <= '9') {
        return true;
      }
    }
    return false;
  }

  /**
   * API versions such as {@code v1}, {@code v2beta1} or {@code V3alpha} name an interface, not an
   * instance: {@code /v1/orders} and {@code /v2/orders} are different endpoints.
   */
  static boolean isVersionWord(char[] s, int from, int to) {
    if (to - from < 2 || (s[from] | 0x20) != 'v') {
      return false;
    }
    int k = from + 1;
    int digits = 0;
    while (k < to && s[k] >= '0' && s[k] <= '9') {
      k++;
      digits++;
    }
    if (digits == 0 || digits > 2) {
      return false;
    }
    if (k == to) {
      return true;
    }
    for (int p = k; p < to; p++) {
      if (s[p] >= 128) {
        return isPreReleaseSuffix(new String(s, k, to - k).toLowerCase(Locale.ROOT));
      }
    }
    return isPreReleaseSuffix(s, k, to, "alpha") || isPreReleaseSuffix(s, k, to, "beta");
  }

  /** {@code alpha} or {@code beta} and digits, in an ASCII word, ignoring case. */
  private static boolean isPreReleaseSuffix(char[] s, int from, int to, String stage) {
    int len = stage.length();
    if (to - from < len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (WordSet.lower(s[from + k]) != stage.charAt(k)) {
        return false;
      }
    }
    for (int k = from + len; k < to; k++) {
      if (s[k] < '0' || s[k] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The general case of the suffix after a version number, already lower-cased. */
  private static boolean isPreReleaseSuffix(String rest) {
    for (String stage : new String[] {"alpha", "beta"}) {
      if (rest.startsWith(stage)) {
        for (int p = stage.length(); p < rest.length(); p++) {
          if (rest.charAt(p) < '0' || rest.charAt(p) > '9') {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }
}
