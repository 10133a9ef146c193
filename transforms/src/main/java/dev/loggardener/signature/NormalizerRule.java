package dev.loggardener.signature;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The switches of the normalizer's rules beyond "a word with a digit is a value": the value types
 * of {@link ValueType} that need more than one token, and three rules that are not value types but
 * stay while the learning stage cannot do their work (code names and API versions are code, not
 * numbers; the name after {@code user}; see docs/signatures.md for the figures). Each can be
 * switched off for a whole JVM with the system property {@code gardener.signature.off=name,name},
 * which only the leave-one-system-out measurement ({@code scripts/signature-accuracy.sh --cross})
 * sets: it scores each benchmark system with the rules that no other system exercises switched off,
 * so a rule fitted to one system cannot lift that system's score. Never set in production; the
 * flags are read once into constants, which the JIT folds away.
 */
public enum NormalizerRule {
  /** Qualified class names ({@code java.io.IOException}) stay literal. */
  CODE_NAMES("code-names"),
  /** A dotted run whose first label is a value is one value ({@code 10.1.2.3.example.net}). */
  DOTTED_VALUES("dotted-values"),
  /** Absolute and relative file paths are one value; request paths keep their skeleton. */
  FILE_PATHS("file-paths"),
  /** Month, weekday and zone words next to a masked number are part of the date. */
  DATE_WORDS("date-words"),
  /** Size and duration units after a masked number are part of the value. */
  UNIT_WORDS("unit-words"),
  /** The value of a {@code key=value} field is a value without a digit too. */
  KEY_VALUES("key-values"),
  /** The word after a standalone "user" is the user's name. */
  USER_WORD("user-word"),
  /** A compound joined by {@code . ~ : / \ @ + # % $} with a variable part is one value. */
  COMPOUNDS("compounds"),
  /** Code names ({@code log4j}, {@code k8s}) and API versions ({@code v2}) keep their text. */
  CODE_WORDS("code-words"),
  /**
   * Fully qualified host names ({@code www.example.com}, {@code db.internal}) are values (sig_v 3).
   */
  HOST_NAMES("host-names"),
  /** {@code localhost:PORT} is an endpoint value like {@code host:PORT} (sig_v 3). */
  LOCAL_ENDPOINTS("local-endpoints"),
  /**
   * A file name with a known extension standing as a word ({@code chrome.exe}) is a value (sig_v
   * 3).
   */
  FILE_NAMES("file-names");

  /** The system property that lists the rules switched off. */
  public static final String OFF_PROPERTY = "gardener.signature.off";

  private final String ruleName;

  NormalizerRule(String ruleName) {
    this.ruleName = ruleName;
  }

  /** The name used in {@link #OFF_PROPERTY} and by the measurement scripts. */
  public String ruleName() {
    return ruleName;
  }

  /** Whether this rule is on in this JVM. */
  public boolean enabled() {
    return !Off.NAMES.contains(ruleName);
  }

  /** All rule names, in declaration order. */
  public static String[] names() {
    return Arrays.stream(values()).map(NormalizerRule::ruleName).toArray(String[]::new);
  }

  private static final class Off {
    static final Set<String> NAMES = parse(System.getProperty(OFF_PROPERTY, ""));

    private static Set<String> parse(String list) {
      Set<String> known = new TreeSet<>(Arrays.asList(names()));
      Set<String> off = new TreeSet<>();
      for (String n : list.split(",")) {
        String name = n.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          continue;
        }
        if (!known.contains(name)) {
          throw new IllegalArgumentException(
              OFF_PROPERTY + ": unknown rule " + name + "; rules are " + known);
        }
        off.add(name);
      }
      return off;
    }
  }
}
