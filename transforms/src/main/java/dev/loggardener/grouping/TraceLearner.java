package dev.loggardener.grouping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learning stage over stack-trace signatures: the exception type and the in-app frames keep
 * naming the bug, and the message inside goes through the same learner as one-line messages, among
 * the traces of one type and frames only. {@code KeyError: 'alice'}, {@code KeyError: 'bob'} and
 * {@code KeyError: '<*>'} raised at the same frames become one group; the same message raised at
 * other frames, or another type at the same frames, stays apart. The frames count as the message's
 * constant text (what tells a value from a word of the sentence), which is why whole templates are
 * learned rather than messages alone. Work is per distinct template, as for the other passes.
 */
final class TraceLearner {
  private TraceLearner() {}

  /**
   * Span patterns ({@link Glob#encode} form) learned over the trace templates among {@code
   * weights}, each taking part as its group in {@code prior}; in a fixed order.
   */
  static List<String> learn(List<Map.Entry<String, Long>> weights, LearnedGroups prior) {
    Map<String, Map<String, Long>> byKey = new TreeMap<>();
    for (Map.Entry<String, Long> e : weights) {
      if (TraceTemplates.is(e.getKey())) {
        String unit = prior.groupOf(e.getKey());
        byKey
            .computeIfAbsent(TraceTemplates.key(unit), k -> new TreeMap<>())
            .merge(unit, e.getValue(), Long::sum);
      }
    }
    List<String> out = new ArrayList<>();
    for (Map<String, Long> same : byKey.values()) {
      if (same.size() < 2) {
        continue;
      }
      LearnedGroups inner =
          SignatureGrouper.learnUnits(
              new ArrayList<>(same.entrySet()), LearnedGroups.empty(), t -> true);
      for (String encoded : inner.encoded()) {
        out.add(asGlob(encoded));
      }
    }
    return out;
  }

  /**
   * A pattern of {@link LearnedGroups#encoded} as a glob: a fixed-length pattern's masks each cover
   * one word, as its tokens did.
   */
  private static String asGlob(String encoded) {
    if (!encoded.isEmpty() && encoded.charAt(0) == LearnedGroups.SPAN_MARK) {
      return encoded.substring(1);
    }
    StringBuilder flags = new StringBuilder();
    for (int at = encoded.indexOf(Tokens.MASK);
        at >= 0;
        at = encoded.indexOf(Tokens.MASK, at + 1)) {
      flags.append('w');
    }
    return flags.append(' ').append(encoded).toString();
  }
}
