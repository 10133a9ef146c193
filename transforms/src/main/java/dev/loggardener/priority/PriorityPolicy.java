package dev.loggardener.priority;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Priority as data: an ordered list of {@link PriorityRule}s read from YAML, first match wins. The
 * default policy ({@code templates/priority-policy.yaml}, bundled in the jar) reproduces priority
 * v1 and the seed worklog's judgement; users pass their own with {@code --priorityPolicy=PATH}. See
 * the comments in the default file for the rule format.
 */
public final class PriorityPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DEFAULT_RESOURCE = "/templates/priority-policy.yaml";

  private final String source;
  private final List<PriorityRule> rules;

  PriorityPolicy(String source, List<PriorityRule> rules) {
    this.source = source;
    this.rules = List.copyOf(rules);
  }

  /** Parses and validates a policy; {@code source} names the file in error messages. */
  public static PriorityPolicy parse(String yaml, String source) {
    return new PriorityPolicy(source, PriorityPolicyParser.parse(yaml, source));
  }

  /** The default policy bundled with Log Gardener. */
  public static PriorityPolicy bundled() {
    try (InputStream in = PriorityPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled priority-policy.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  public List<PriorityRule> rules() {
    return rules;
  }

  public String source() {
    return source;
  }

  /** The first matching rule's priority; P3 with an explicit reason when no rule matches. */
  public Priority classify(ClusterFacts facts) {
    for (PriorityRule r : rules) {
      Priority p = r.apply(facts);
      if (p != null) {
        return p;
      }
    }
    return Priority.of("P3", "P3: no rule of " + source + " matched");
  }
}
