package dev.loggardener.cascade;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the tokens that can tie two clusters together by name: dotted names of three or more
 * parts (Python modules, Java classes, host names such as {@code db.prod.internal}). Only the
 * signature and the first line of the sample are read, because the rest of a sample is mostly
 * framework frames that unrelated errors share; URLs are dropped first because platform messages
 * all point at the same documentation hosts. Whether a token is <em>distinctive</em> depends on the
 * window: {@link CascadeDetector} keeps only tokens that few clusters of the window carry.
 */
public final class DistinctiveTokens {
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|gs|wss?)://\\S+");
  private static final Pattern DOTTED =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*){2,}");
  private static final int MIN_LENGTH = 8;
  private static final int MAX_TOKENS = 16;

  private DistinctiveTokens() {}

  /** Candidate tokens of one cluster, sorted, at most {@value #MAX_TOKENS}. */
  public static Set<String> of(String signature, String sampleMessage) {
    Set<String> out = new TreeSet<>();
    collect(signature, out);
    collect(firstLine(sampleMessage), out);
    while (out.size() > MAX_TOKENS) {
      ((TreeSet<String>) out).pollLast();
    }
    return out;
  }

  private static void collect(String text, Set<String> out) {
    if (text == null || text.isEmpty()) {
      return;
    }
    Matcher m = DOTTED.matcher(URL.matcher(text).replaceAll(" "));
    while (m.find()) {
      String t = m.group();
      if (t.length() >= MIN_LENGTH && !t.startsWith("REDACTED")) {
        out.add(t.toLowerCase(Locale.ROOT));
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
