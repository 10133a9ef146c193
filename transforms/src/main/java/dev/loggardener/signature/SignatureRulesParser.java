package dev.loggardener.signature;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a signature rules file (YAML; see {@code templates/signature-rules.example.yaml}) into
 * {@link SignatureRules}, validating everything up front: unknown keys, rules without a name or a
 * pattern, duplicate names, and regular expressions that do not compile. It walks Jackson's YAML
 * token stream rather than binding to objects so that every error can name the line it is on.
 */
public final class SignatureRulesParser {
  public static final String FINGERPRINTS = "fingerprints";
  public static final String MASKS = "masks";
  public static final String IGNORE = "ignore";

  private static final Set<String> SECTIONS = Set.of(FINGERPRINTS, MASKS, IGNORE);
  private static final Map<String, Set<String>> RULE_KEYS =
      Map.of(
          FINGERPRINTS, Set.of("name", "match", "service", "log"),
          MASKS, Set.of("name", "match", "service", "log"),
          IGNORE, Set.of("name", "match", "service", "log"));
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final YAMLFactory YAML = new YAMLFactory();

  private final String file;
  private final Map<String, Integer> namesSeen = new HashMap<>();

  private SignatureRulesParser(String file) {
    this.file = file;
  }

  /** Parses {@code text}; {@code file} only names the source in error messages. */
  public static SignatureRules parse(String file, String text) {
    return new SignatureRulesParser(file).parseText(text);
  }

  private SignatureRules parseText(String text) {
    Map<String, List<SignatureRule>> sections = new LinkedHashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null || t == JsonToken.VALUE_NULL) {
        return new SignatureRules(file, List.of(), List.of(), List.of());
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(
            p, "the file must be a mapping with the keys fingerprints, masks and/or ignore");
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String section = p.getCurrentName();
        if (!SECTIONS.contains(section)) {
          throw error(p, "unknown key '" + section + "' (expected fingerprints, masks or ignore)");
        }
        if (sections.containsKey(section)) {
          throw error(p, "'" + section + "' appears twice");
        }
        sections.put(section, parseSection(p, section));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SignatureRulesException(
          file, at == null ? 0 : at.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SignatureRulesException(file, 0, "cannot be read: " + e.getMessage());
    }
    return new SignatureRules(
        file,
        sections.getOrDefault(FINGERPRINTS, List.of()),
        sections.getOrDefault(MASKS, List.of()),
        sections.getOrDefault(IGNORE, List.of()));
  }

  private List<SignatureRule> parseSection(JsonParser p, String section) throws IOException {
    JsonToken t = p.nextToken();
    List<SignatureRule> rules = new ArrayList<>();
    if (t == JsonToken.VALUE_NULL) {
      return rules;
    }
    if (t != JsonToken.START_ARRAY) {
      throw error(p, "'" + section + "' must be a list of rules (lines starting with '- ')");
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw error(p, "each rule in '" + section + "' must be a mapping with name and match");
      }
      rules.add(parseRule(p, section));
    }
    return rules;
  }

  /** A value and the line it is on. */
  private static final class Value {
    final String text;
    final int line;

    Value(String text, int line) {
      this.text = text;
      this.line = line;
    }
  }

  private SignatureRule parseRule(JsonParser p, String section) throws IOException {
    int ruleLine = line(p);
    Map<String, Value> fields = new HashMap<>();
    Set<String> allowed = RULE_KEYS.get(section);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.getCurrentName();
      if (!allowed.contains(key)) {
        throw error(
            p,
            "unknown key '"
                + key
                + "' in a rule of '"
                + section
                + "' (expected "
                + String.join(", ", List.of("name", "match", "service", "log"))
                + ")");
      }
      if (fields.containsKey(key)) {
        throw error(p, "'" + key + "' appears twice in one rule");
      }
      t = p.nextToken();
      if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
        throw error(p, "'" + key + "' must be a single text value");
      }
      fields.put(key, new Value(p.getText(), line(p)));
    }
    Value name = fields.get("name");
    if (name == null || name.text.isBlank()) {
      throw new SignatureRulesException(file, ruleLine, "a rule in '" + section + "' has no name");
    }
    if (!NAME.matcher(name.text).matches()) {
      throw new SignatureRulesException(
          file,
          name.line,
          "rule name '"
              + name.text
              + "' may use only letters, digits, '.', '_' and '-' (at most 100)");
    }
    Integer first = namesSeen.putIfAbsent(name.text, name.line);
    if (first != null) {
      throw new SignatureRulesException(
          file,
          name.line,
          "duplicate rule name '" + name.text + "' (first used on line " + first + ")");
    }
    Value match = fields.get("match");
    if (match == null || match.text.isEmpty()) {
      throw new SignatureRulesException(
          file,
          match == null ? ruleLine : match.line,
          "rule '" + name.text + "' has no 'match' pattern");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(match.text);
    } catch (PatternSyntaxException e) {
      throw new SignatureRulesException(
          file,
          match.line,
          "bad regex in rule '"
              + name.text
              + "': "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + " of "
              + e.getPattern());
    }
    return new SignatureRule(
        name.text, pattern, text(fields.get("service")), text(fields.get("log")), ruleLine);
  }

  private static String text(Value v) {
    return v == null || v.text.isBlank() ? null : v.text;
  }

  private static int line(JsonParser p) {
    JsonLocation at = p.getTokenLocation();
    return at == null ? 0 : at.getLineNr();
  }

  private SignatureRulesException error(JsonParser p, String problem) {
    return new SignatureRulesException(file, line(p), problem);
  }
}
