package dev.loggardener.pipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a byte stream with exactly {@link java.io.BufferedReader#readLine}'s rules
 * ({@code \n}, {@code \r} and {@code \r\n} end a line; a last line without an end still counts;
 * malformed bytes become U+FFFD), but splits the bytes before decoding each line on its own. {@code
 * String}'s own UTF-8 decoder copies an ASCII line straight into a Latin-1 string, where a {@code
 * Reader} widens every byte to a char and a {@code String} narrows it back: a third of {@code
 * gardener signature --learn}'s reading time on a million lines.
 */
final class Utf8Lines {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private boolean eof;
  // a '\r' ended the previous line: a '\n' right after it belongs to that line end
  private boolean skipLf;

  Utf8Lines(InputStream in) {
    this.in = in;
  }

  /** The next line without its end, or null at the end of the stream. */
  String next() throws IOException {
    if (skipLf) {
      if (pos == end && !fill()) {
        return null;
      }
      skipLf = false;
      if (buf[pos] == '\n') {
        pos++;
      }
    }
    int scanned = 0; // bytes of this line already scanned, counted from pos
    boolean ascii = true;
    while (true) {
      // locals: the compiler that runs this command (C1) reloads fields on every iteration
      byte[] b = buf;
      int e = end;
      for (int i = pos + scanned; i < e; i++) {
        byte c = b[i];
        // one comparison passes ordinary ASCII: line ends, other controls and non-ASCII are below
        if (c <= '\r') {
          if (c == '\n' || c == '\r') {
            String line = decode(b, pos, i - pos, ascii);
            pos = i + 1;
            skipLf = c == '\r';
            return line;
          }
          if (c < 0) {
            ascii = false;
          }
        }
      }
      scanned = e - pos;
      if (!fill()) {
        if (end == pos) {
          return null;
        }
        String line = decode(buf, pos, end - pos, ascii);
        pos = end;
        return line;
      }
    }
  }

  /**
   * An ASCII line is copied as Latin-1 (the same characters), which skips the decoder's own scan
   * for non-ASCII bytes.
   */
  private static String decode(byte[] b, int off, int len, boolean ascii) {
    return new String(b, off, len, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** Moves the unread bytes to the front and reads more; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int unread = end - pos;
    if (unread == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, unread);
    }
    pos = 0;
    end = unread;
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }
}
