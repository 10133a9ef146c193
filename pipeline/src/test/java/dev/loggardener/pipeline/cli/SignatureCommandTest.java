package dev.loggardener.pipeline.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class SignatureCommandTest {

  private static List<String> run(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        SignatureCommand.run(
            args,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code, is(0));
    String text = out.toString(StandardCharsets.UTF_8);
    return text.isEmpty()
        ? List.of()
        : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
  }

  @Test
  public void printsOneIdAndSignaturePerInputLineInOrder() {
    List<String> lines =
        run("Container called exit(3).\n\nContainer called exit(1).\nhello world\n");
    assertThat(lines, hasSize(4));
    assertThat(lines.get(0).split("\t")[0], is(lines.get(2).split("\t")[0]));
    assertThat(lines.get(1).split("\t")[0], not(lines.get(0).split("\t")[0]));
    assertThat(lines.get(3), is(lines.get(3).split("\t")[0] + "\thello world"));
  }

  @Test
  public void readsLogEntriesAndKeepsTheLineCountForBadOnes() {
    String entry =
        "{\"timestamp\":\"2025-06-03T14:03:22.168843Z\",\"textPayload\":\"Container called exit(3).\"}";
    List<String> lines = run(entry + "\nnot json\n", "--format=logentry");
    assertThat(lines, hasSize(2));
    assertThat(lines.get(0), is(run("Container called exit(3).\n").get(0)));
    assertThat(lines.get(1), startsWith("-\t<not_json>"));
  }

  @Test
  public void rejectsAnUnknownFormat() {
    int code =
        SignatureCommand.run(
            new String[] {"--format=xml"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code, is(2));
  }

  @Test
  public void appliesASignatureRulesFile() throws Exception {
    java.nio.file.Path rules = java.nio.file.Files.createTempFile("rules", ".yaml");
    java.nio.file.Files.writeString(
        rules,
        "fingerprints:\n  - name: exits\n    match: 'exit\\(\\d+\\)'\n"
            + "ignore:\n  - name: hello\n    match: '^hello'\n");
    List<String> lines =
        run(
            "Container called exit(3).\nhello world\nsomething else\n",
            "--signatureRules=" + rules);
    assertThat(lines, hasSize(3));
    assertThat(lines.get(0).split("\t")[1], is("rule:exits"));
    assertThat(lines.get(1), is("-\t<ignored:hello>"));
    assertThat(lines.get(2).split("\t")[1], is("something else"));
  }

  @Test
  public void aBrokenRulesFileIsAnErrorNamingTheLine() throws Exception {
    java.nio.file.Path rules = java.nio.file.Files.createTempFile("rules", ".yaml");
    java.nio.file.Files.writeString(rules, "masks:\n  - name: m\n    match: '[a-'\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SignatureCommand.run(
            new String[] {"--signatureRules=" + rules},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code, is(2));
    assertThat(
        err.toString(StandardCharsets.UTF_8),
        org.hamcrest.Matchers.containsString(":3: bad regex"));
  }

  @Test
  public void learnPrintsTheGroupOfEveryLineInOrder() {
    StringBuilder in = new StringBuilder();
    for (String name : new String[] {"alpha", "beta", "gamma", "delta", "omega", "sigma"}) {
      in.append("Failed to remove cache entry ").append(name).append(" from store\n");
    }
    in.append("Container called exit(3).\n");
    List<String> lines = run(in.toString(), "--learn");
    assertThat(lines, hasSize(7));
    for (int i = 0; i < 6; i++) {
      assertThat(lines.get(i), is(lines.get(0)));
    }
    assertThat(lines.get(0).split("\t")[1], is("Failed to remove cache entry <*> from store"));
    // a line in no learned group keeps its signature line
    assertThat(lines.get(6), is(run("Container called exit(3).\n").get(0)));
  }

  @Test
  public void learnKeepsOneLinePerInputLineForBadEntries() {
    List<String> lines = run("not json\n", "--format=logentry", "--learn");
    assertThat(lines, hasSize(1));
    assertThat(lines.get(0), startsWith("-\t<not_json>"));
  }

  @Test
  public void listRulesNamesEveryNormalizerRule() {
    List<String> lines = run("", "--list-rules");
    assertThat(lines, is(List.of(dev.loggardener.signature.NormalizerRule.names())));
  }
}
