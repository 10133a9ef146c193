package dev.loggardener.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the parse tests: fixture loading and reading a whole small export. */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/parse/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static List<RawRecord> readAll(byte[] data) {
    return readAll(data, ExportRecordReader.DEFAULT_MAX_RECORD_BYTES);
  }

  static List<RawRecord> readAll(byte[] data, int maxRecordBytes) {
    List<RawRecord> out = new ArrayList<>();
    try (ExportRecordReader r =
        ExportRecordReader.open(new ByteArrayInputStream(data), "test", maxRecordBytes)) {
      r.forEachRemaining(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<RawRecord> readAll(String data) {
    return readAll(data.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
