package dev.loggardener.pipeline.cli;

import dev.loggardener.grouping.LearnedGroups;
import dev.loggardener.grouping.SignatureGrouper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gardener signature --learn}: signs every line, then runs the learning stage over the whole
 * input as one window per service, as the pipeline does per (service, window), and prints each
 * line's group id and group template.
 *
 * <p>Everything after signing is done once per distinct (service, template), never per line: a line
 * keeps one reference to its distinct template (or its own output line when it has no signature),
 * and each distinct template's output line is written to bytes once. The template strings of
 * repeated lines are garbage at once instead of being held to the end.
 */
final class LearningRun {
  /** One distinct (service, template): its entries, and once learned, its output line. */
  private static final class Distinct {
    final String id;
    final String template;
    long entries;
    byte[] line;

    Distinct(String id, String template) {
      this.id = id;
      this.template = template;
    }
  }

  private static final byte[] NEWLINE = {'\n'};

  // a Distinct, or the output line (String) of an input line that has no signature
  private final List<Object> lines = new ArrayList<>();
  // service -> signature id -> distinct template, in first-seen order
  private final Map<String, Map<String, Distinct>> byService = new TreeMap<>();
  private String lastService;
  private Map<String, Distinct> lastTemplates;

  /** Counts one input line by its result from {@link SignatureCommand#sign}. */
  void add(Object signed) {
    if (signed instanceof SignatureCommand.Signed) {
      SignatureCommand.Signed s = (SignatureCommand.Signed) signed;
      if (!s.service.equals(lastService)) {
        // lines of one service come in runs: no tree lookup per line
        lastService = s.service;
        lastTemplates = byService.computeIfAbsent(s.service, k -> new LinkedHashMap<>());
      }
      Map<String, Distinct> templates = lastTemplates;
      // keyed by the 16-character id, a hash of the template, as the pipeline keys its clusters:
      // cheaper to hash and compare than the template itself
      Distinct d = templates.get(s.id);
      if (d == null) {
        d = new Distinct(s.id, s.template);
        templates.put(s.id, d);
      }
      d.entries++;
      lines.add(d);
    } else {
      lines.add(signed);
    }
  }

  void write(OutputStream out) throws IOException {
    Map<String, String> ids = new HashMap<>();
    for (Map<String, Distinct> templates : byService.values()) {
      // the weights map is filled in first-seen order, as it was when lines were counted into it
      Map<String, Long> weights = new HashMap<>();
      for (Distinct d : templates.values()) {
        weights.put(d.template, d.entries);
      }
      LearnedGroups learned = SignatureGrouper.learn(weights, LearnedGroups.empty());
      for (Distinct d : templates.values()) {
        String group = learned.groupOf(d.template);
        String id =
            group.equals(d.template) ? d.id : ids.computeIfAbsent(group, SignatureGrouper::groupId);
        d.line = (SignatureCommand.outputLine(id, group) + "\n").getBytes(StandardCharsets.UTF_8);
      }
    }
    for (Object line : lines) {
      if (line instanceof Distinct) {
        out.write(((Distinct) line).line);
      } else {
        out.write(((String) line).getBytes(StandardCharsets.UTF_8));
        out.write(NEWLINE);
      }
    }
  }
}
