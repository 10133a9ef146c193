package dev.loggardener.pipeline.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.loggardener.signature.RuleBasedSigner;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.Signer;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class BatchSignerTest {

  private static List<String> signed(List<String> lines, int threads) {
    RuleBasedSigner signer = new RuleBasedSigner(new Signer(), SignatureRules.none());
    List<String> out = new ArrayList<>();
    try (BatchSigner signing =
        new BatchSigner(
            threads,
            signer,
            null,
            s -> {
              SignatureCommand.Signed x = (SignatureCommand.Signed) s;
              out.add(x.id + "\t" + x.template);
            })) {
      for (String line : lines) {
        signing.add(line);
      }
      signing.finish();
    }
    return out;
  }

  @Test
  public void handsBackEveryLineInInputOrderWhateverTheThreadCount() {
    List<String> lines = new ArrayList<>();
    // several full batches and a partial one, with lines that sign differently
    for (int i = 0; i < 5 * BatchSigner.BATCH + 17; i++) {
      lines.add(
          i % 3 == 0 ? "user u" + i + " logged in" : "disk " + (char) ('a' + i % 26) + " full");
    }
    List<String> one = signed(lines, 1);
    assertThat(one, hasSize(lines.size()));
    assertThat(signed(lines, 4), is(one));
    assertThat(one.get(3), is(signed(List.of(lines.get(3)), 1).get(0)));
  }

  @Test
  public void finishingWithNothingBufferedHandsBackNothing() {
    assertThat(signed(List.of(), 3), is(List.of()));
  }
}
