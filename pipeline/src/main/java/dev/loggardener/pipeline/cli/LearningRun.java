package dev.loggardener.pipeline.cli;

import dev.loggardener.grouping.LearnedGroups;
import dev.loggardener.grouping.SignatureGrouper;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.signature.RuleBasedSigner;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gardener signature --learn}: signs every line, then runs the learning stage over the whole
 * input as one window per service, as the pipeline does per (service, window), and prints each
 * line's group id and group template. Keeps one reference per input line until the end.
 */
final class LearningRun {
  private final List<Object> lines = new ArrayList<>();
  // service -> template -> entries
  private final Map<String, Map<String, Long>> weights = new TreeMap<>();

  void add(String line, RuleBasedSigner signer, LogEntryParser parser) {
    Object signed = SignatureCommand.sign(line, signer, parser);
    lines.add(signed);
    if (signed instanceof SignatureCommand.Signed) {
      SignatureCommand.Signed s = (SignatureCommand.Signed) signed;
      weights.computeIfAbsent(s.service, k -> new HashMap<>()).merge(s.template, 1L, Long::sum);
    }
  }

  void write(Writer out) throws IOException {
    Map<String, LearnedGroups> groups = new HashMap<>();
    for (Map.Entry<String, Map<String, Long>> e : weights.entrySet()) {
      groups.put(e.getKey(), SignatureGrouper.learn(e.getValue(), LearnedGroups.empty()));
    }
    Map<String, String> ids = new HashMap<>();
    // a group is looked up once per distinct (service, template), never per line
    Map<String, Map<String, String>> groupOf = new HashMap<>();
    for (Object line : lines) {
      if (line instanceof String) {
        out.write((String) line);
      } else {
        SignatureCommand.Signed s = (SignatureCommand.Signed) line;
        LearnedGroups learned = groups.get(s.service);
        String group =
            groupOf
                .computeIfAbsent(s.service, k -> new HashMap<>())
                .computeIfAbsent(s.template, learned::groupOf);
        String id =
            group.equals(s.template) ? s.id : ids.computeIfAbsent(group, SignatureGrouper::groupId);
        out.write(SignatureCommand.outputLine(id, group));
      }
      out.write('\n');
    }
  }
}
