package dev.loggardener.signature;

import static dev.loggardener.signature.CharArrays.regionMatchesIgnoreCase;

/**
 * Host names without a digit standing as a word of their own are values: fully qualified names
 * ({@code www.example.com}, {@code proxy.cs.example.edu.hk}) and private ones ({@code
 * db-1.internal}), so that with a port they make one {@code host:port} value with {@link Compounds}
 * ({@code www.example.com:443}); {@code localhost:PORT} likewise. Reverse-DNS package names ({@code
 * com.example.app}), configuration keys ({@code mapred.job.id}) and code are left alone.
 */
final class HostNames {
  private HostNames() {}

  private static final boolean LOCAL_ENDPOINTS = NormalizerRule.LOCAL_ENDPOINTS.enabled();
  private static final boolean HOST_NAMES = NormalizerRule.HOST_NAMES.enabled();

  /**
   * Top-level domains a two-label name may end with and still be a host ({@code example.com});
   * shorter lists would miss hosts, longer ones would take {@code java.io} for a host.
   */
  private static final WordSet GENERIC_TLDS =
      WordSet.of("com", "net", "org", "edu", "gov", "mil", "info", "biz");

  /** Further last labels of a host of three or more labels (any two-letter country code too). */
  private static final WordSet LONG_TLDS =
      WordSet.of(
          "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "app", "dev",
          "cloud", "ai", "co", "me", "tv", "xyz", "online", "site", "tech", "name", "pro");

  /**
   * Two-letter last labels that are far more often a key's or a file's last word in logs ({@code
   * mapred.job.id}, {@code setup.py}, {@code a.b.is}) than a country's domain.
   */
  private static final WordSet NOT_COUNTRY_CODES =
      WordSet.of(
          "id", "ip", "io", "os", "ms", "ui", "db", "fs", "vm", "js", "ts", "rs", "py", "pl", "sh",
          "so", "md", "am", "pm", "no", "on", "in", "is", "it", "at", "to", "by", "as", "do", "me",
          "my", "us", "be", "go", "hr", "mk", "cc", "gz", "ok");

  /** Suffixes of private DNS names ({@code db-1.internal}, {@code printer.local}). */
  private static final WordSet INTERNAL_SUFFIXES =
      WordSet.of("internal", "local", "localdomain", "lan", "corp", "intranet", "svc", "localhost");

  /**
   * First labels of reverse-DNS code names ({@code com.example.app}, {@code org.apache.kafka}): a
   * run that starts with one is a package, not a host.
   */
  private static final WordSet REVERSE_DNS_STARTS =
      WordSet.of("com", "org", "net", "edu", "gov", "io", "de", "uk", "fr", "nl", "cn", "jp");

  static void mark(char[] s, MessageTokens t) {
    if (t.codeLocation) {
      return;
    }
    if (LOCAL_ENDPOINTS && t.sawDelim(':')) {
      markLocalEndpoints(s, t);
    }
    if (HOST_NAMES && t.sawDelim('.')) {
      DottedNames.mark(s, t, HostNames::isHostName);
    }
  }

  /** {@code localhost} before a masked port. */
  private static void markLocalEndpoints(char[] s, MessageTokens t) {
    for (int j = 0; j < t.joinerCount; j++) {
      int d = t.joiners[j];
      int x = DottedNames.runStart(s, t, d, 0);
      if (x >= 0
          && s[t.start[d]] == ':'
          && d + 1 < t.size
          && t.maskedWord(d + 1)
          && t.end[x] - t.start[x] == 9
          && regionMatchesIgnoreCase(s, t.start[x], "localhost")) {
        t.mask(x);
      }
    }
  }

  /**
   * Lower-case labels of letters, digits and '-', the last a top-level domain or a private suffix:
   * two labels need a generic domain ({@code example.com}), three or more any country code or
   * common domain, unless the first label reads like a reverse-DNS package.
   */
  static boolean isHostName(char[] s, MessageTokens t, int x, int last, int labels) {
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
    if (t.masked(last) || !CharArrays.isLowerLetters(s, from, to)) {
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
}
