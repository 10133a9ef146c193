package dev.loggardener.redact;

/**
 * The cheap character scans that let {@link Redactor} skip its regular expressions: the trigger
 * scan over ASCII text (its automaton is {@link TriggerAutomaton}), the exact pre-scan for all
 * other text, the secret key word search and the secret-key test. They read a {@code char[]} copy
 * of the text because {@code String.charAt} repeats a bounds and coder check on every character,
 * which dominated the profile of the signer. Case-insensitive comparisons follow {@link
 * String#regionMatches(boolean, int, String, int, int)} exactly, also for non-ASCII characters, so
 * results equal those of the former String-based scans.
 */
final class SecretScan {
  private SecretScan() {}

  /** Texts longer than this are scanned from a throw-away copy, so the cached one stays small. */
  private static final int MAX_CACHED_CHARS = 32 * 1024;

  private static final ThreadLocal<char[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new char[1][256]);

  /**
   * The characters of {@code s} in a per-thread buffer (valid until the next call on the same
   * thread), or in a new array when {@code s} is too long to keep around.
   */
  static char[] chars(String s) {
    int n = s.length();
    if (n > MAX_CACHED_CHARS) {
      return s.toCharArray();
    }
    char[][] holder = SCRATCH.get();
    char[] buf = holder[0];
    if (buf.length < n) {
      buf = new char[Math.max(n, Math.min(MAX_CACHED_CHARS, buf.length * 2))];
      holder[0] = buf;
    }
    s.getChars(0, n, buf, 0);
    return buf;
  }

  /** {@link #triggers}: a secret key word or "bearer" occurs (or "credent" without "ial"). */
  static final int KEY_WORD = 1;

  /** {@link #triggers}: "bearer" occurs, in any case. */
  static final int BEARER_WORD = 1 << 1;

  /** {@link #triggers}: "eyJ" occurs. */
  static final int JWT_PREFIX = 1 << 2;

  /** {@link #triggers}: an API-key prefix or a shortening of one occurs. */
  static final int API_KEY_PREFIX = 1 << 3;

  /** {@link #triggers}: '@' occurs. */
  static final int AT_SIGN = 1 << 4;

  /** {@link #triggers}: a digit run that {@link #mayNeedRedaction} takes for a card occurs. */
  static final int CARD_RUN = 1 << 5;

  /**
   * {@link #triggers}: the text holds a non-ASCII character or "--BEGIN"; only the exact scans
   * ({@link #mayNeedRedaction} and the guards of {@link Redactor}) decide such texts.
   */
  static final int NEEDS_EXACT = 1 << 6;

  /**
   * The triggers of {@link #mayNeedRedaction} in ASCII text, as a set of the flags above: 0 when
   * that scan would return -1. It runs a shift-and automaton over two {@code long}s, one bit per
   * position of each searched word, so a character costs three table loads and a few shifts and
   * masks instead of the compare chains and pair tests of the exact scan, whose branches a log line
   * mispredicts often. A set bit means the word matched so far; a word is found when its last bit
   * is set (the words of B keep that bit, those of A are collected).
   *
   * <p>Words shortened to fit the 128 bits ("credent", "github_pa", "k_live", "k_test", "--BEGIN")
   * only add flags, never drop one: for ASCII text each flag is set whenever the exact scan would
   * find that trigger. At the first non-ASCII character (whose case folding, e.g. 'ſ' to 's', and
   * letter classes the tables do not model) the answer is {@link #NEEDS_EXACT}.
   */
  static int triggers(char[] a, int n) {
    long[] maskA = TriggerAutomaton.MASK_A;
    long[] maskB = TriggerAutomaton.MASK_B;
    long[] stayB = TriggerAutomaton.STAY_B;
    long startA = TriggerAutomaton.START_A;
    long startB = TriggerAutomaton.START_B;
    long da = 0;
    long db = TriggerAutomaton.INITIAL_B;
    long seenA = 0;
    for (int i = 0; i < n; i++) {
      char c = a[i];
      if (c >= 128) {
        return NEEDS_EXACT;
      }
      da = ((da << 1) | startA) & maskA[c];
      db = (((db << 1) | startB) & maskB[c]) | (db & stayB[c]);
      seenA |= da;
    }
    return TriggerAutomaton.flags(seenA, db);
  }

  /**
   * Pairs of ASCII characters (index {@code first << 7 | second}) that start a secret key word or
   * "bearer" in any case, or an API-key or JWT prefix as written. Only at such a pair can {@link
   * #mayStartKey} say yes, and most letter pairs of a log line are not one, so the table spares the
   * full test (and its branch mispredictions) at almost every character.
   */
  private static final boolean[] KEY_PAIR = new boolean[128 * 128];

  static {
    for (String w :
        new String[] {"pa", "pw", "pr", "se", "to", "au", "ap", "ac", "cr", "co", "be"}) {
      for (char a : new char[] {w.charAt(0), Character.toUpperCase(w.charAt(0))}) {
        for (char b : new char[] {w.charAt(1), Character.toUpperCase(w.charAt(1))}) {
          KEY_PAIR[a << 7 | b] = true;
        }
      }
    }
    for (String w : new String[] {"ey", "AI", "AK", "AS", "gh", "gi", "xo", "k_"}) {
      KEY_PAIR[w.charAt(0) << 7 | w.charAt(1)] = true;
    }
  }

  /** Whether a rule of {@link #mayStartKey} may start with {@code c} followed by {@code next}. */
  private static boolean keyPair(char c, char next) {
    return c < 128 && next < 128 && KEY_PAIR[c << 7 | next];
  }

  /**
   * One pass, no allocation: -1 when no rule of {@link Redactor} could match {@code a[0, n)}, else
   * the index where a rule may start. It looks for the characters and words every rule needs ('@',
   * a long digit run, a PEM, JWT or API-key prefix, a secret key word), so it may say yes in vain
   * but never no in vain. No secret key word starts before the index returned.
   */
  static int mayNeedRedaction(char[] a, int n) {
    int digits = 0; // of a card-shaped run: starts with 2-6 after no word char, '.', '+' or '-'
    char prev = ' ';
    for (int i = 0; i < n; i++) {
      char c = a[i];
      if (c <= '9') {
        if (c >= '0') {
          if (digits > 0 || (c >= '2' && c <= '6' && !cardGlue(prev))) {
            if (++digits >= 13) {
              return i;
            }
          }
        } else if (c == '-') {
          if (prev == '-' && startsWith(a, n, i, "----BEGIN")) {
            return i;
          }
        } else if (c != ' ') {
          digits = 0;
        }
      } else {
        digits = 0;
        if (c == '@') {
          return i;
        }
        if (i + 1 < n && keyPair(c, a[i + 1]) && mayStartKey(a, n, i, c, a[i + 1])) {
          return i;
        }
      }
      prev = c;
    }
    return -1;
  }

  private static boolean mayStartKey(char[] a, int n, int i, char c, char next) {
    switch (c) {
      case 'e':
        if (next == 'y' && startsWith(a, n, i, "eyJ")) {
          return true;
        }
        break;
      case 'A':
        if (startsWith(a, n, i, "AIza")
            || startsWith(a, n, i, "AKIA")
            || startsWith(a, n, i, "ASIA")) {
          return true;
        }
        break;
      case 'g':
        if (next == 'h' || next == 'i') {
          if (startsWith(a, n, i, "github_pat_")
              || (i + 3 < n && next == 'h' && isOneOf(a[i + 2], "pousr") && a[i + 3] == '_')) {
            return true;
          }
        }
        break;
      case 'x':
        if (next == 'o' && startsWith(a, n, i, "xox")) {
          return true;
        }
        break;
      case 'k':
        if (next == '_' && (startsWith(a, n, i, "k_live_") || startsWith(a, n, i, "k_test_"))) {
          return true;
        }
        break;
      default:
        break;
    }
    return secretKeywordAt(a, n, i, (char) (c | 0x20), (char) (next | 0x20));
  }

  /**
   * Characters that, right before a digit, make it part of a word or number, not a card: the
   * look-behind {@code [\\w.+-]} of the card pattern, whose {@code \\w} is ASCII (no
   * UNICODE_CHARACTER_CLASS). A wider test here would say no where the pattern matches.
   */
  static boolean cardGlue(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '+'
        || c == '-';
  }

  /**
   * Single pass, case-insensitive search for any secret key word or "bearer" in {@code a[from, n)}.
   */
  static boolean containsSecretKeyword(char[] a, int from, int n) {
    for (int i = from; i < n - 1; i++) {
      if (keyPair(a[i], a[i + 1])
          && secretKeywordAt(a, n, i, (char) (a[i] | 0x20), (char) (a[i + 1] | 0x20))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a secret key word or "bearer" starts at i; c0, c1 are its first two chars, lower-cased.
   */
  private static boolean secretKeywordAt(char[] a, int n, int i, char c0, char c1) {
    switch (c0) {
      case 'p':
        return (c1 == 'a' && startsWithIgnoreCase(a, n, i, "passw"))
            || (c1 == 'w' && startsWithIgnoreCase(a, n, i, "pwd"))
            || (c1 == 'r' && startsWithIgnoreCase(a, n, i, "private"));
      case 's':
        return c1 == 'e'
            && (startsWithIgnoreCase(a, n, i, "secret")
                || startsWithIgnoreCase(a, n, i, "session"));
      case 't':
        return c1 == 'o' && startsWithIgnoreCase(a, n, i, "token");
      case 'a':
        return (c1 == 'u' && startsWithIgnoreCase(a, n, i, "auth"))
            || (c1 == 'p' && startsWithIgnoreCase(a, n, i, "api"))
            || (c1 == 'c' && startsWithIgnoreCase(a, n, i, "access"));
      case 'c':
        return (c1 == 'r' && startsWithIgnoreCase(a, n, i, "credential"))
            || (c1 == 'o' && startsWithIgnoreCase(a, n, i, "cookie"));
      case 'b':
        return c1 == 'e' && startsWithIgnoreCase(a, n, i, "bearer");
      default:
        return false;
    }
  }

  /** Lower-case fragments that make a key name secret-bearing. */
  private static final String[] SECRET_KEY_WORDS = {
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "api-key",
    "access_key",
    "accesskey",
    "private_key",
    "privatekey",
    "credential",
    "auth",
    "session",
    "cookie"
  };

  /** {@link #SECRET_KEY_WORDS} as arrays, which read faster than {@code String.charAt}. */
  private static final char[][] SECRET_KEY_WORD_CHARS = new char[SECRET_KEY_WORDS.length][];

  /**
   * For the first two characters (index {@code first << 7 | second}) of the {@link
   * #SECRET_KEY_WORDS}, the set of those words (bit k for word k); {@link #isSecretKey} compares
   * only these words, and only where the set is not empty.
   */
  private static final char[] SECRET_KEY_PAIR_WORDS = new char[128 * 128];

  static {
    for (int k = 0; k < SECRET_KEY_WORDS.length; k++) {
      String w = SECRET_KEY_WORDS[k];
      SECRET_KEY_WORD_CHARS[k] = w.toCharArray();
      SECRET_KEY_PAIR_WORDS[w.charAt(0) << 7 | w.charAt(1)] |= (char) (1 << k);
    }
  }

  /**
   * Whether the key {@code a[from, to)} contains a secret key word, ignoring ASCII case: the same
   * answer as {@code key.toLowerCase(Locale.ROOT).contains(word)} for the ASCII keys that {@link
   * Redactor}'s key pattern admits.
   */
  static boolean isSecretKey(char[] a, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      // setting bit 0x20 lower-cases ASCII letters and maps no other key character to one
      int c = a[i] | 0x20;
      int next = a[i + 1] | 0x20;
      if (c >= 128 || next >= 128) {
        continue;
      }
      for (int words = SECRET_KEY_PAIR_WORDS[c << 7 | next]; words != 0; words &= words - 1) {
        char[] w = SECRET_KEY_WORD_CHARS[Integer.numberOfTrailingZeros(words)];
        if (startsWithIgnoreAsciiCase(a, to, i, w)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code lower} (starting with a lower-case ASCII letter) occurs in {@code a[0, n)},
   * compared as {@link #startsWithIgnoreCase}.
   */
  static boolean containsIgnoreCase(char[] a, int n, String lower) {
    char first = lower.charAt(0);
    char upper = (char) (first - 0x20);
    for (int i = 0; i + lower.length() <= n; i++) {
      // an ASCII character matches the first letter only as itself or its upper case (see
      // startsWithIgnoreCase); testing that here spares the call at almost every position
      char c = a[i];
      if (c < 128 && c != first && c != upper) {
        continue;
      }
      if (startsWithIgnoreCase(a, n, i, lower)) {
        return true;
      }
    }
    return false;
  }

  static boolean startsWith(char[] a, int n, int i, String prefix) {
    int len = prefix.length();
    if (i < 0 || i + len > n) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (a[i + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@code String.regionMatches(true, …)} against a lower-case ASCII word. */
  static boolean startsWithIgnoreCase(char[] a, int n, int i, String lower) {
    int len = lower.length();
    if (i < 0 || i + len > n) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      char c = a[i + k];
      char w = lower.charAt(k);
      if (c == w) {
        continue;
      }
      if (c < 128) {
        if (c < 'A' || c > 'Z' || (char) (c | 0x20) != w) {
          return false;
        }
      } else {
        // String.regionMatches compares upper cases, then the lower cases of those
        char u = Character.toUpperCase(c);
        if (u != Character.toUpperCase(w) && Character.toLowerCase(u) != w) {
          return false;
        }
      }
    }
    return true;
  }

  /** Case-insensitive for ASCII letters only, as lower-casing an ASCII key is. */
  private static boolean startsWithIgnoreAsciiCase(char[] a, int n, int i, char[] lower) {
    int len = lower.length;
    if (i + len > n) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      char c = a[i + k];
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c | 0x20);
      }
      if (c != lower[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOneOf(char c, String chars) {
    return chars.indexOf(c) >= 0;
  }
}
