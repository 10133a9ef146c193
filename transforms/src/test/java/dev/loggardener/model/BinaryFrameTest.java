package dev.loggardener.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

public class BinaryFrameTest {

  @Test
  public void fieldsRoundTripInOrder() throws IOException {
    String big = "é€😀 ".repeat(40_000) + "x".repeat(70_000);
    byte[] bytes =
        frame(
            new BinaryFrame.Writer(8)
                .varLong(Long.MIN_VALUE)
                .varInt(-1)
                .varInt(300)
                .bool(true)
                .string("")
                .string("ascii")
                .string(big)
                .sortedMap(Map.of("b", "2", "a", "ü")));
    BinaryFrame.Reader r = BinaryFrame.Reader.readFrom(new ByteArrayInputStream(bytes));
    assertEquals(Long.MIN_VALUE, r.varLong());
    assertEquals(-1, r.varInt());
    assertEquals(300, r.varInt());
    assertEquals(true, r.bool());
    assertEquals("", r.string());
    assertEquals("ascii", r.string());
    assertEquals(big, r.string());
    assertEquals(Map.of("a", "ü", "b", "2"), r.map());
  }

  @Test
  public void mapsEncodeInKeyOrderWhateverTheirOwnOrder() throws IOException {
    Map<String, String> one = new LinkedHashMap<>();
    Map<String, String> two = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      one.put("k" + i, "v" + i);
      two.put("k" + (49 - i), "v" + (49 - i));
    }
    assertArrayEquals(
        frame(new BinaryFrame.Writer(16).sortedMap(one)),
        frame(new BinaryFrame.Writer(16).sortedMap(two)));
  }

  @Test
  public void aCutFrameFailsInsteadOfReadingGarbage() throws IOException {
    byte[] bytes = frame(new BinaryFrame.Writer(16).string("hello world"));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(
        EOFException.class, () -> BinaryFrame.Reader.readFrom(new ByteArrayInputStream(cut)));
  }

  private static byte[] frame(BinaryFrame.Writer w) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.writeTo(out);
    return out.toByteArray();
  }

  @Test
  public void aStringSharingEndsWithItsBaseTravelsAsTheMiddle() throws IOException {
    String base = "record <*> for tenant <*> after <*> attempts";
    String s = "record 46362 for tenant t_1 after 1 attempts";
    byte[] bytes = frame(new BinaryFrame.Writer(8).stringSharingEnds(s, base));
    assertEquals(
        s, BinaryFrame.Reader.readFrom(new ByteArrayInputStream(bytes)).stringSharingEnds(base));
    assertEquals(true, bytes.length < s.length() - 10);
    // A string equal to its base is three bytes and decodes to the base itself.
    byte[] same = frame(new BinaryFrame.Writer(8).stringSharingEnds(base, base));
    assertEquals(1 + 3, same.length);
    assertEquals(
        base, BinaryFrame.Reader.readFrom(new ByteArrayInputStream(same)).stringSharingEnds(base));
  }

  @Test
  public void sharedEndsNeverSplitASurrogatePair() {
    String smile = "\uD83D\uDE00";
    String frown = "\uD83D\uDE41";
    // the pairs share their high half: the prefix must stop before it, the suffix after the low
    assertEquals(1, SharedEnds.prefix("a" + smile, "a" + frown));
    assertEquals(0, SharedEnds.suffix(smile, "\uD83E\uDE00", 0));
    assertEquals(1, SharedEnds.suffix("x" + smile + "b", "y" + frown + "b", 0));
  }

  @Test
  public void aTableStringIsItsIndexAndAnyOtherTravelsWhole() throws IOException {
    java.util.List<String> table = java.util.List.of("", "cloud_run_revision");
    byte[] bytes =
        frame(
            new BinaryFrame.Writer(8)
                .stringFrom(table, "cloud_run_revision")
                .stringFrom(table, "x"));
    BinaryFrame.Reader r = BinaryFrame.Reader.readFrom(new ByteArrayInputStream(bytes));
    assertEquals("cloud_run_revision", r.stringFrom(table));
    assertEquals("x", r.stringFrom(table));
  }
}
