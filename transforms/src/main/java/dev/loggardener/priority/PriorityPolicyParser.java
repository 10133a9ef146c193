package dev.loggardener.priority;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.loggardener.model.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a priority policy from YAML and validates every rule, so that a mistake stops the pipeline
 * at launch with a message naming the file, the line and the rule rather than misprioritizing
 * clusters for hours.
 */
final class PriorityPolicyParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> KEYS =
      Set.of(
          "name",
          "priority",
          "reason",
          "severity_at_least",
          "severity_below",
          "severity_in",
          "matches",
          "signature_not_matches",
          "exception_type",
          "service",
          "min_count",
          "status");
  private static final Set<String> STATUSES = Set.of("NEW", "ONGOING", "SPIKE", "REGRESSION");
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private PriorityPolicyParser() {}

  static List<PriorityRule> parse(String yaml, String source) {
    List<PriorityRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(source, p.getCurrentLocation(), null, "expected a mapping with a 'rules' list");
      }
      boolean sawRules = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        JsonToken value = p.nextToken();
        if (field.equals("version")) {
          JsonNode v = YAML.readTree(p);
          if (v.asInt() != 1) {
            throw error(
                source,
                p.getCurrentLocation(),
                null,
                "unsupported version " + v + " (this release reads version 1)");
          }
        } else if (field.equals("rules")) {
          sawRules = true;
          if (value != JsonToken.START_ARRAY) {
            throw error(source, p.getCurrentLocation(), null, "'rules' must be a list");
          }
          int index = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            index++;
            JsonLocation at = p.getTokenLocation();
            JsonNode node = YAML.readTree(p);
            PriorityRule rule = rule(node, source, at, index);
            if (!names.add(rule.name)) {
              throw error(source, at, rule.name, "duplicate rule name");
            }
            rules.add(rule);
          }
          if (p.currentToken() != JsonToken.END_ARRAY) {
            throw error(source, p.getCurrentLocation(), null, "each rule must be a mapping");
          }
        } else {
          throw error(
              source,
              p.getCurrentLocation(),
              null,
              "unknown top-level key '" + field + "' (expected version, rules)");
        }
      }
      if (!sawRules || rules.isEmpty()) {
        throw error(source, p.getCurrentLocation(), null, "the policy has no rules");
      }
    } catch (IOException e) {
      throw new PriorityPolicyException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    return rules;
  }

  private static PriorityRule rule(JsonNode n, String source, JsonLocation at, int index) {
    String name = text(n, "name");
    String label = name == null ? "#" + index : name;
    if (name == null || name.isBlank()) {
      throw error(source, at, label, "a rule needs a name");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw error(
            source,
            at,
            label,
            "unknown key '" + key + "'; known keys: " + new java.util.TreeSet<>(KEYS));
      }
    }
    String level = text(n, "priority");
    if (level == null || !Priority.LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
      throw error(
          source, at, label, "priority must be one of " + Priority.LEVELS + ", not " + level);
    }
    String reason = text(n, "reason");
    if (reason == null || reason.isBlank()) {
      reason = "rule {rule}";
    }
    return new PriorityRule(
        name,
        level.toUpperCase(Locale.ROOT),
        reason,
        severity(n, "severity_at_least", source, at, label),
        severity(n, "severity_below", source, at, label),
        severities(n, source, at, label),
        patterns(n.get("matches"), source, at, label),
        pattern(n, "signature_not_matches", source, at, label),
        pattern(n, "exception_type", source, at, label),
        pattern(n, "service", source, at, label),
        minCount(n, source, at, label),
        statuses(n, source, at, label));
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Severity severity(
      JsonNode n, String key, String source, JsonLocation at, String label) {
    String v = text(n, key);
    if (v == null) {
      return null;
    }
    Severity s = Severity.parseLenient(v);
    if (s == null) {
      throw error(source, at, label, key + ": '" + v + "' is not a Cloud Logging severity");
    }
    return s;
  }

  private static Set<Severity> severities(
      JsonNode n, String source, JsonLocation at, String label) {
    JsonNode v = n.get("severity_in");
    if (v == null) {
      return null;
    }
    if (!v.isArray() || v.isEmpty()) {
      throw error(source, at, label, "severity_in must be a non-empty list");
    }
    Set<Severity> out = EnumSet.noneOf(Severity.class);
    for (JsonNode e : v) {
      Severity s = Severity.parseLenient(e.asText());
      if (s == null) {
        throw error(
            source, at, label, "severity_in: '" + e.asText() + "' is not a Cloud Logging severity");
      }
      out.add(s);
    }
    return out;
  }

  private static List<Pattern> patterns(JsonNode v, String source, JsonLocation at, String label) {
    if (v == null) {
      return null;
    }
    List<Pattern> out = new ArrayList<>();
    if (v.isTextual()) {
      out.add(compile(v.asText(), "matches", source, at, label));
    } else if (v.isArray() && !v.isEmpty()) {
      for (JsonNode e : v) {
        out.add(compile(e.asText(), "matches", source, at, label));
      }
    } else {
      throw error(source, at, label, "matches must be a regex or a non-empty list of regexes");
    }
    return List.copyOf(out);
  }

  private static Pattern pattern(
      JsonNode n, String key, String source, JsonLocation at, String label) {
    String v = text(n, key);
    return v == null ? null : compile(v, key, source, at, label);
  }

  private static Pattern compile(
      String regex, String key, String source, JsonLocation at, String label) {
    try {
      return Pattern.compile(regex, FLAGS);
    } catch (PatternSyntaxException e) {
      throw error(source, at, label, key + ": bad regex '" + regex + "': " + e.getDescription());
    }
  }

  private static long minCount(JsonNode n, String source, JsonLocation at, String label) {
    JsonNode v = n.get("min_count");
    if (v == null) {
      return 0;
    }
    if (!v.canConvertToLong() || v.asLong() < 1) {
      throw error(source, at, label, "min_count must be a positive whole number");
    }
    return v.asLong();
  }

  private static Set<String> statuses(JsonNode n, String source, JsonLocation at, String label) {
    JsonNode v = n.get("status");
    if (v == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode e : v.isArray() ? v : YAML.createArrayNode().add(v)) {
      String s = e.asText().toUpperCase(Locale.ROOT);
      if (!STATUSES.contains(s)) {
        throw error(source, at, label, "status: '" + e.asText() + "' is not one of " + STATUSES);
      }
      out.add(s);
    }
    return out;
  }

  private static PriorityPolicyException error(
      String source, JsonLocation at, String rule, String problem) {
    String where = source + (at == null ? "" : ", line " + at.getLineNr());
    return new PriorityPolicyException(
        where + (rule == null ? "" : ", rule " + rule) + ": " + problem);
  }
}
