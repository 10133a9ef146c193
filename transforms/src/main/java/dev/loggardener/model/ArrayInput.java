package dev.loggardener.model;

import java.io.IOException;
import java.io.InputStream;

/**
 * An unsynchronized input stream over one frame read in bulk from a runner's stream, for coders
 * that read many small fields with Beam's field coders (see {@link ArrayOutput}).
 */
public final class ArrayInput extends InputStream {
  private final byte[] buf;
  private int pos;

  private ArrayInput(byte[] buf) {
    this.buf = buf;
  }

  /** Reads a frame that {@link ArrayOutput#writeFrameTo} wrote, in one bulk read. */
  public static ArrayInput readFrame(InputStream in) throws IOException {
    return new ArrayInput(BinaryFrame.readFrameBytes(in));
  }

  @Override
  public int read() {
    return pos < buf.length ? buf[pos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int n) {
    if (n == 0) {
      return 0;
    }
    if (pos >= buf.length) {
      return -1;
    }
    int k = Math.min(n, buf.length - pos);
    System.arraycopy(buf, pos, b, off, k);
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return buf.length - pos;
  }
}
