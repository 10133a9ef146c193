package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class RecentSignaturesTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  public void aKeptTemplateIsFoundByItsHashAndBytes() {
    RecentSignatures recent = new RecentSignatures();
    Signature s = new Signature("0123456789abcdef", "disk <*> full", Signer.VERSION);
    byte[] room = bytes("xxdisk <*> full");
    recent.keep(42L, room, 2, 13, s);
    assertThat(recent.find(42L, bytes("disk <*> full"), 0, 13), sameInstance(s));
  }

  @Test
  public void anotherTemplateWithTheSameHashIsNotFound() {
    RecentSignatures recent = new RecentSignatures();
    recent.keep(42L, bytes("disk <*> full"), 0, 13, new Signature("0", "disk <*> full", 4));
    assertThat(recent.find(42L, bytes("disk <*> fuzz"), 0, 13), nullValue());
    assertThat(recent.find(42L, bytes("disk <*> ful"), 0, 12), nullValue());
  }

  @Test
  public void aNewerTemplateTakesTheSlot() {
    RecentSignatures recent = new RecentSignatures();
    long slotMate = 42L + (1L << 12);
    recent.keep(42L, bytes("a"), 0, 1, new Signature("0", "a", 4));
    Signature b = new Signature("1", "b", 4);
    recent.keep(slotMate, bytes("b"), 0, 1, b);
    assertThat(recent.find(42L, bytes("a"), 0, 1), nullValue());
    assertThat(recent.find(slotMate, bytes("b"), 0, 1), sameInstance(b));
  }

  @Test
  public void aRepeatedTemplateSignsAsAFreshOne() {
    Signer signer = new Signer();
    Signature first = signer.sign("disk 12 full on node-3");
    Signature again = signer.sign("disk 97 full on node-3");
    assertThat(again, sameInstance(first));
    assertThat(again.id(), equalTo(Signer.idOfTemplate(again.template())));
  }
}
