package dev.loggardener.history;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders deployment revisions by the generation number in their name: Cloud Run names revisions
 * {@code <service>-<5 digits>-<3 letters>} and App Engine / GKE releases usually end in a number.
 * Two names are comparable only when they share the prefix before that number; otherwise the order
 * is unknown, and an unknown order never makes a regression (an old revision still serving a fixed
 * bug is the false positive users complain about most).
 */
public final class RevisionOrder {
  private static final Pattern GENERATION = Pattern.compile("^(.*?)-?(\\d+)(-[a-z0-9]{1,8})?$");

  private RevisionOrder() {}

  /** True only when {@code revision} is known to be newer than {@code than}. */
  public static boolean isNewer(String revision, String than) {
    Matcher a = GENERATION.matcher(revision == null ? "" : revision);
    Matcher b = GENERATION.matcher(than == null ? "" : than);
    if (!a.matches() || !b.matches() || !a.group(1).equals(b.group(1))) {
      return false;
    }
    return new java.math.BigInteger(a.group(2)).compareTo(new java.math.BigInteger(b.group(2))) > 0;
  }
}
