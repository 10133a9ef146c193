package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Pins {@code id<TAB>template} of a few hundred varied messages (Loghub samples of all 8 systems,
 * Cloud Run messages, traces in every supported language, secrets) in {@code
 * golden-v<VERSION>.tsv}. Any change to any template or id fails here, so a change of grouping is
 * always deliberate: bump {@link Signer#VERSION} if ids change, add a {@code sig_v} entry to
 * CHANGELOG.md, then regenerate with {@code mvn -pl transforms -am test -Dtest=GoldenSignaturesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true} and review the diff. Input: {@code
 * golden-input.txt}, one message per line with {@code \n} and {@code \\} escaped.
 */
public class GoldenSignaturesTest {
  private static final Path RESOURCES = Paths.get("src", "test", "resources", "signature");
  private static final Path CHANGELOG = Paths.get("..", "CHANGELOG.md");

  private static String unescape(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        sb.append(next == 'n' ? '\n' : next);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static List<String> actual() throws IOException {
    Signer signer = new Signer();
    List<String> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(RESOURCES.resolve("golden-input.txt"), StandardCharsets.UTF_8)) {
      Signature s = signer.sign(unescape(line));
      out.add(s.id() + "\t" + s.template());
    }
    return out;
  }

  @Test
  public void signaturesMatchTheGoldenFileOfThisVersion() throws IOException {
    Path golden = RESOURCES.resolve("golden-v" + Signer.VERSION + ".tsv");
    List<String> actual = actual();
    if (Boolean.getBoolean("golden.update")) {
      Files.write(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(
          "golden-input.txt line "
              + (i + 1)
              + " changed signature. If this is deliberate, bump"
              + " Signer.VERSION when ids change, note it in CHANGELOG.md and regenerate with"
              + " -Dgolden.update=true",
          expected.get(i),
          actual.get(i));
    }
    assertEquals("number of golden lines", expected.size(), actual.size());
  }

  @Test
  public void changelogDescribesTheCurrentSignatureVersion() throws IOException {
    String changelog = new String(Files.readAllBytes(CHANGELOG), StandardCharsets.UTF_8);
    assertThat(changelog, containsString("sig_v " + Signer.VERSION));
  }
}
