package dev.loggardener.grouping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What lies behind each {@code <*>} of a group template: the most frequent values of each variable
 * position among the group's members, with their entry counts ({@code shutdown ×12, draining ×3}),
 * so a merge never hides what differs. Values come from the members' signature templates, which are
 * redacted and have the signer's own masks in place, so no secret or personal value the signer
 * removed comes back. Capped: {@link #MAX_POSITIONS} positions, {@link #MAX_VALUES} values each,
 * {@link #MAX_VALUE_CHARS} characters a value. Pure and deterministic.
 */
public final class VariableValues {
  public static final int MAX_POSITIONS = 8;
  public static final int MAX_VALUES = 5;
  public static final int MAX_VALUE_CHARS = 60;

  private VariableValues() {}

  /**
   * One line per {@code <*>} of {@code pattern} (up to {@link #MAX_POSITIONS}): its values among
   * {@code members} (template to entry count), the most frequent first, or empty where every member
   * has a mask there. Empty when the pattern has no {@code <*>}.
   */
  public static List<String> of(String pattern, Map<String, Long> members) {
    String[] parts = pattern.split(Pattern.quote(Tokens.MASK), -1);
    int positions = Math.min(parts.length - 1, MAX_POSITIONS);
    if (positions <= 0) {
      return List.of();
    }
    StringBuilder rx = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      rx.append(Pattern.quote(parts[i]));
      if (i < parts.length - 1) {
        rx.append("(.+?)");
      }
    }
    Pattern p = Pattern.compile(rx.toString(), Pattern.DOTALL);
    List<Map<String, Long>> counts = new ArrayList<>();
    for (int i = 0; i < positions; i++) {
      counts.add(new HashMap<>());
    }
    for (Map.Entry<String, Long> m : members.entrySet()) {
      Matcher x = p.matcher(m.getKey());
      if (!x.matches()) {
        continue;
      }
      for (int i = 0; i < positions; i++) {
        String v = x.group(i + 1);
        if (!v.equals(Tokens.MASK)) {
          counts.get(i).merge(v, m.getValue(), Long::sum);
        }
      }
    }
    List<String> out = new ArrayList<>(positions);
    for (Map<String, Long> c : counts) {
      out.add(describe(c));
    }
    return out;
  }

  private static String describe(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ranked.size() && i < MAX_VALUES; i++) {
      if (i > 0) {
        b.append(", ");
      }
      String v = ranked.get(i).getKey();
      if (v.length() > MAX_VALUE_CHARS) {
        v = v.substring(0, MAX_VALUE_CHARS - 1) + "…";
      }
      b.append(v).append(" ×").append(ranked.get(i).getValue());
    }
    if (ranked.size() > MAX_VALUES) {
      b.append(", … (").append(ranked.size() - MAX_VALUES).append(" more)");
    }
    return b.toString();
  }
}
