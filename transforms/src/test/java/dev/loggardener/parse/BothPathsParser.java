package dev.loggardener.parse;

import static org.junit.Assert.assertEquals;

import dev.loggardener.model.LogEntry;
import java.util.ArrayList;

/**
 * A {@link LogEntryParser} for tests that parses every input both ways, streamed (what {@code
 * parse} does first) and through the tree only, and fails unless the outcomes are identical: same
 * entry field by field (label maps in the same order too), or same failure reason and detail.
 */
final class BothPathsParser {
  private final LogEntryParser parser = new LogEntryParser();
  private long streamed;
  private long inputs;

  ParseOutcome parse(String json) {
    ParseOutcome tree = parser.parseTree(json);
    ParseOutcome actual = parser.parse(json);
    assertSame(json, tree, actual);
    inputs++;
    if (json != null
        && !json.isBlank()
        && new StreamingEntryParser(mapper()).tryParse(json) != null) {
      streamed++;
    }
    return actual;
  }

  ParseOutcome parse(RawRecord record) {
    ParseOutcome actual = parser.parse(record);
    if (record != null && record.failureReason() == null) {
      assertSame(record.text(), parser.parseTree(record.text()), actual);
      inputs++;
    }
    return actual;
  }

  /** How many of the inputs given as text the streaming reader answered itself. */
  long streamed() {
    return streamed;
  }

  long inputs() {
    return inputs;
  }

  LogEntryParser parser() {
    return parser;
  }

  private static com.fasterxml.jackson.databind.ObjectMapper mapper() {
    return LogEntryParser.mapper();
  }

  static void assertSame(String input, ParseOutcome tree, ParseOutcome actual) {
    String where =
        "input: " + (input == null ? null : input.length() > 400 ? input.substring(0, 400) : input);
    assertEquals(where, tree.isOk(), actual.isOk());
    assertEquals(where, tree.reason(), actual.reason());
    assertEquals(where, tree.detail(), actual.detail());
    if (tree.isOk()) {
      LogEntry t = tree.entry();
      LogEntry a = actual.entry();
      assertEquals(where, t, a);
      assertEquals(where, t.message(), a.message());
      assertEquals(where, t.messageField(), a.messageField());
      assertEquals(
          where, new ArrayList<>(t.labels().entrySet()), new ArrayList<>(a.labels().entrySet()));
      assertEquals(
          where,
          new ArrayList<>(t.resourceLabels().entrySet()),
          new ArrayList<>(a.resourceLabels().entrySet()));
    }
  }
}
