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
    int scan = pos;
    while (true) {
      if (skipLf) {
        if (pos == end && !fill()) {
          return null;
        }
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
        }
        scan = pos;
      }
      for (int i = scan; i < end; i++) {
        byte b = buf[i];
        if (b == '\n' || b == '\r') {
          String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
          pos = i + 1;
          skipLf = b == '\r';
          return line;
        }
      }
      scan = end - pos;
      if (!fill()) {
        if (end == pos) {
          return null;
        }
        String line = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
        pos = end;
        return line;
      }
      scan += pos;
    }
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
