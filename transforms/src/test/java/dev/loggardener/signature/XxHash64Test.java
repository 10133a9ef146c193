package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** Known answers of the reference XXH64 (seed 0), covering every tail and the 32-byte stripes. */
public class XxHash64Test {
  private static String xxh64(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return String.format("%016x", XxHash64.hash(b, b.length, 0));
  }

  @Test
  public void emptyInput() {
    assertThat(xxh64(""), equalTo("ef46db3751d8e999"));
  }

  @Test
  public void shortInputsUseTheByteTail() {
    assertThat(xxh64("a"), equalTo("d24ec4f1a98c6e5b"));
    assertThat(xxh64("abc"), equalTo("44bc2cf5ad770999"));
  }

  @Test
  public void inputsOfAtLeast32BytesUseTheStripeLoop() {
    assertThat(xxh64("Nobody inspects the spammish repetition"), equalTo("fbcea83c8a378bf1"));
  }

  @Test
  public void onlyTheGivenLengthIsHashed() {
    byte[] b = "abcXYZ".getBytes(StandardCharsets.UTF_8);
    assertThat(String.format("%016x", XxHash64.hash(b, 3, 0)), equalTo("44bc2cf5ad770999"));
  }
}
