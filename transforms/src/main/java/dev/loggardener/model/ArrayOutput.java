package dev.loggardener.model;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.util.VarInt;

/**
 * An unsynchronized in-memory output stream for coders that write many small fields with Beam's
 * field coders: they write byte by byte, and a runner's stream (Flink's memory-segment views above
 * all) costs several calls per byte, where this costs an array store. The bytes then go to the
 * runner's stream in one bulk write.
 */
public final class ArrayOutput extends OutputStream {
  private byte[] buf;
  private int len;

  public ArrayOutput(int expectedBytes) {
    buf = new byte[Math.max(64, expectedBytes)];
  }

  @Override
  public void write(int b) {
    if (len == buf.length) {
      grow(1);
    }
    buf[len++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int n) {
    if (len + n > buf.length) {
      grow(n);
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  public int size() {
    return len;
  }

  /** The bytes as they are, in one write. */
  public void copyTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  /** A varint of the length, then the bytes: a frame {@link ArrayInput#readFrame} reads back. */
  public void writeFrameTo(OutputStream out) throws IOException {
    VarInt.encode(len, out);
    out.write(buf, 0, len);
  }

  private void grow(int more) {
    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
  }
}
