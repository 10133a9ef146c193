package dev.loggardener.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.util.VarInt;

/**
 * A length-prefixed byte frame for the project's hot coders. Runners hand coders streams whose
 * single-byte calls are expensive (Flink wraps its memory segments in an {@code InputStream} that
 * goes through several layers per byte), so an element is built in a byte array, written with one
 * bulk call, read back with one bulk call and decoded from the array. The frame is a varint length
 * followed by fields: varints, UTF-8 strings with a varint length, booleans as one byte, and string
 * maps in key order so that equal values always encode to equal bytes.
 */
public final class BinaryFrame {
  private BinaryFrame() {}

  /** Builds one frame; not thread-safe, one per encode call. */
  public static final class Writer {
    private byte[] buf;
    private int len;

    public Writer(int expectedBytes) {
      buf = new byte[Math.max(64, expectedBytes)];
    }

    public Writer varLong(long v) {
      if ((v & ~0x7FL) == 0) {
        // Most varints here are lengths and small numbers: one byte, one bounds check.
        ensure(1);
        buf[len++] = (byte) v;
        return this;
      }
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
      return this;
    }

    public Writer varInt(int v) {
      return varLong(v & 0xFFFFFFFFL);
    }

    public Writer bool(boolean v) {
      ensure(1);
      buf[len++] = (byte) (v ? 1 : 0);
      return this;
    }

    /** Eight bytes, big-endian: for hashes, which a varint would make longer. */
    public Writer fixedLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (v >>> shift);
      }
      return this;
    }

    public Writer string(String s) {
      if (s.isEmpty()) {
        return varLong(0);
      }
      // The JDK's own UTF-8 encoder: for ASCII held as Latin-1 it is a vectorized check and one
      // copy; a char-by-char loop was the single hottest frame of a Flink run once a field held
      // one non-Latin-1 character (the string is then UTF-16 and every charAt is bounds-checked).
      // Same bytes on the wire as before: the UTF-8 length, then the UTF-8 bytes.
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varInt(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buf, len, utf8.length);
      len += utf8.length;
      return this;
    }

    /**
     * A string as the part that differs from {@code base}, which the reader must already hold: the
     * lengths of the shared prefix and suffix ({@link SharedEnds}), then the middle.
     */
    public Writer stringSharingEnds(String s, String base) {
      if (s.equals(base)) {
        // Common (a message without variable parts is its own template) and cheap to test.
        varInt(s.length());
        varInt(0);
        return varInt(0);
      }
      int p = SharedEnds.prefix(s, base);
      int q = SharedEnds.suffix(s, base, p);
      varInt(p);
      varInt(q);
      return string(p == 0 && q == 0 ? s : s.substring(p, s.length() - q));
    }

    /** One of a fixed table of strings as its index plus one, anything else as 0 and the string. */
    public Writer stringFrom(java.util.List<String> table, String s) {
      int i = table.indexOf(s);
      if (i >= 0) {
        return varInt(i + 1);
      }
      varInt(0);
      return string(s);
    }

    /** A string map in key order, whatever the map's own order. */
    public Writer sortedMap(Map<String, String> m) {
      varInt(m.size());
      if (m.isEmpty()) {
        return this;
      }
      String[] keys = m.keySet().toArray(new String[0]);
      Arrays.sort(keys);
      for (String k : keys) {
        string(k);
        string(m.get(k));
      }
      return this;
    }

    /** Writes the frame: its length, then its bytes, in two bulk writes. */
    public void writeTo(OutputStream out) throws IOException {
      VarInt.encode(len, out);
      out.write(buf, 0, len);
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }

  /**
   * The bytes of one frame (a varint length, then that many bytes) read from {@code in} in bulk;
   * shared by {@link Reader} and {@link ArrayInput}.
   */
  static byte[] readFrameBytes(InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    if (n < 0) {
      throw new IOException("negative frame length " + n);
    }
    byte[] b = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(b, off, n - off);
      if (r < 0) {
        throw new EOFException("frame cut after " + off + " of " + n + " bytes");
      }
      off += r;
    }
    return b;
  }

  /** Decodes the fields of one frame, in the order they were written. */
  public static final class Reader {

    private final byte[] buf;
    private int pos;

    private Reader(byte[] buf) {
      this.buf = buf;
    }

    /** Reads one whole frame from {@code in}. */
    public static Reader readFrom(InputStream in) throws IOException {
      return new Reader(readFrameBytes(in));
    }

    public long varLong() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = next();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new IOException("varint too long");
    }

    public int varInt() throws IOException {
      return (int) varLong();
    }

    public boolean bool() throws IOException {
      return next() != 0;
    }

    public long fixedLong() throws IOException {
      if (pos + 8 > buf.length) {
        throw new EOFException("8 bytes past the frame's end");
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buf[pos++] & 0xFF);
      }
      return v;
    }

    public String string() throws IOException {
      int n = varInt();
      if (n < 0 || pos + n > buf.length) {
        throw new EOFException("string of " + n + " bytes past the frame's end");
      }
      String s = n == 0 ? "" : new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    /** Reads what {@link Writer#stringSharingEnds} wrote against the same {@code base}. */
    public String stringSharingEnds(String base) throws IOException {
      int p = varInt();
      int q = varInt();
      String middle = string();
      if (p == 0 && q == 0) {
        return middle;
      }
      if (p < 0 || q < 0 || (long) p + q > base.length()) {
        throw new IOException("shared ends " + p + "+" + q + " longer than the base");
      }
      if (p == base.length() && middle.isEmpty()) {
        return base;
      }
      return base.substring(0, p) + middle + base.substring(base.length() - q);
    }

    /** Reads what {@link Writer#stringFrom} wrote with the same table. */
    public String stringFrom(java.util.List<String> table) throws IOException {
      int i = varInt();
      if (i == 0) {
        return string();
      }
      if (i < 0 || i > table.size()) {
        throw new IOException("no string " + i + " in a table of " + table.size());
      }
      return table.get(i - 1);
    }

    public Map<String, String> map() throws IOException {
      int n = varInt();
      if (n == 0) {
        return Collections.emptyMap();
      }
      Map<String, String> m = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        String k = string();
        m.put(k, string());
      }
      return m;
    }

    private byte next() throws IOException {
      if (pos >= buf.length) {
        throw new EOFException("frame ended early");
      }
      return buf[pos++];
    }
  }
}
