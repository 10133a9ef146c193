package dev.loggardener.pipeline.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class Utf8LinesTest {

  private static List<String> lines(InputStream in) throws IOException {
    Utf8Lines reader = new Utf8Lines(in);
    List<String> out = new ArrayList<>();
    for (String line = reader.next(); line != null; line = reader.next()) {
      out.add(line);
    }
    return out;
  }

  private static List<String> lines(byte[] bytes) throws IOException {
    return lines(new ByteArrayInputStream(bytes));
  }

  /** What BufferedReader.readLine gives: the contract the byte reader must keep. */
  private static List<String> readLines(byte[] bytes) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      out.add(line);
    }
    return out;
  }

  /** A stream that hands out at most {@code step} bytes per read, to cross buffer refills. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  @Test
  public void endsLinesAtLineFeedCarriageReturnAndBoth() throws IOException {
    byte[] in = "a\nb\rc\r\nd\n\ne\r\rf".getBytes(StandardCharsets.UTF_8);
    assertThat(lines(in), is(List.of("a", "b", "c", "d", "", "e", "", "f")));
    assertThat(lines(in), is(readLines(in)));
  }

  @Test
  public void anEmptyStreamHasNoLinesAndAFinalLineEndAddsNone() throws IOException {
    assertThat(lines(new byte[0]), is(List.of()));
    assertThat(lines("x\n".getBytes(StandardCharsets.UTF_8)), is(List.of("x")));
    assertThat(lines("x\r".getBytes(StandardCharsets.UTF_8)), is(List.of("x")));
  }

  @Test
  public void decodesUtf8AndReplacesMalformedBytesAsAReaderDoes() throws IOException {
    byte[] in = {
      'n',
      (byte) 0xc3,
      (byte) 0xa9,
      '\n',
      (byte) 0xff,
      'x',
      '\n',
      (byte) 0xe2,
      (byte) 0x82,
      '\n',
      (byte) 0xf0,
      (byte) 0x9f,
      (byte) 0x98,
      (byte) 0x80,
      '\r',
      '\n',
      (byte) 0xed,
      (byte) 0xa0,
      (byte) 0x80,
      '\n',
      (byte) 0xef,
      (byte) 0xbb,
      (byte) 0xbf,
      'b',
      (byte) 0xe2
    };
    assertThat(lines(in).get(0), is("n\u00e9"));
    assertThat(lines(in), is(readLines(in)));
  }

  @Test
  public void linesSplitAcrossReadsAreReadWhole() throws IOException {
    // a CR LF, a two-byte character and a tab each split by a refill at some step
    byte[] in = "ab\r\nc\u00e9d\r\n\r\ne\tf\nxy".getBytes(StandardCharsets.UTF_8);
    for (int step = 1; step <= in.length; step++) {
      assertThat(
          "step " + step,
          lines(trickle(in, step)),
          is(List.of("ab", "c\u00e9d", "", "e\tf", "xy")));
    }
  }

  @Test
  public void aLineLongerThanTheBufferIsReadWhole() throws IOException {
    char[] longLine = new char[200_000];
    Arrays.fill(longLine, 'z');
    String text = "first\n" + new String(longLine) + "\nlast";
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    assertThat(lines(trickle(in, 7000)), is(List.of("first", new String(longLine), "last")));
  }
}
