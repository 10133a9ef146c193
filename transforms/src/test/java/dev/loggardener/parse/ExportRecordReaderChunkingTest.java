package dev.loggardener.parse;

import static dev.loggardener.parse.Fixtures.readAll;
import static dev.loggardener.parse.Fixtures.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.loggardener.parse.ExportRecordReader.ResumePoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * Reading a file as chunks from {@link ExportRecordReader#plan} gives exactly what one sequential
 * read gives: same texts, ordinals and failure reasons, whatever the chunk size.
 */
public class ExportRecordReaderChunkingTest {

  @Test
  public void chunkedNdjsonEqualsSequentialRead() throws IOException {
    byte[] file = utf8(messyNdjson(new Random(7), 2000));
    assertChunkedEqualsSequential(file);
  }

  @Test
  public void chunkedJsonArrayEqualsSequentialRead() throws IOException {
    byte[] file = utf8(messyArray(new Random(11), 2000));
    assertChunkedEqualsSequential(file);
  }

  @Test
  public void concatenatedArraysWithGarbageAndTruncationEqualSequentialRead() throws IOException {
    Random rnd = new Random(3);
    String file =
        messyArray(rnd, 50)
            + "\n"
            + messyArray(rnd, 50).replaceFirst("\\]\\s*$", "")
            + "\n  , nonsense, {\"open\": \"never closed";
    assertChunkedEqualsSequential(utf8(file));
  }

  @Test
  public void planSplitsOnlyAtRecordStarts() throws IOException {
    byte[] file = utf8("{\"a\":1}\n\n{\"b\":2}\n{\"c\":3}\n");
    List<ResumePoint> points = ExportRecordReader.plan(new ByteArrayInputStream(file), "f", 1);
    assertEquals(3, points.size());
    assertEquals(ResumePoint.START, points.get(0));
    assertEquals(9, points.get(1).byteOffset()); // after the blank line, at {"b":2}
    assertEquals(1, points.get(1).recordsBefore());
    assertEquals(17, points.get(2).byteOffset());
    assertEquals(2, points.get(2).recordsBefore());
  }

  @Test
  public void aSmallFileIsOneChunk() throws IOException {
    byte[] file = utf8(messyNdjson(new Random(1), 20));
    assertEquals(
        List.of(ResumePoint.START),
        ExportRecordReader.plan(new ByteArrayInputStream(file), "f", file.length + 1));
  }

  private static void assertChunkedEqualsSequential(byte[] file) throws IOException {
    List<RawRecord> sequential = readAll(file);
    for (long chunk : new long[] {1, 7, 64, 500, 4096, 70_000, file.length}) {
      List<ResumePoint> points =
          ExportRecordReader.plan(new ByteArrayInputStream(file), "test", chunk);
      List<RawRecord> chunked = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        ResumePoint p = points.get(i);
        long limit =
            i + 1 < points.size() ? points.get(i + 1).recordsBefore() - p.recordsBefore() : -1;
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        in.skip(p.byteOffset());
        try (ExportRecordReader r = ExportRecordReader.resume(in, "test", p)) {
          for (long n = 0; (limit < 0 || n < limit) && r.hasNext(); n++) {
            chunked.add(r.next());
          }
        }
      }
      assertEquals("chunk size " + chunk, sequential, chunked);
      if (chunk <= 64) {
        assertTrue("small chunks must actually split", points.size() > 10);
      }
    }
  }

  private static String messyNdjson(Random rnd, int lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      switch (rnd.nextInt(8)) {
        case 0:
          sb.append("\n"); // blank line: not a record
          break;
        case 1:
          sb.append("   \t\r\n");
          break;
        case 2:
          sb.append("not json at all ").append(i).append("\r\n");
          break;
        default:
          sb.append("  ").append(entry(rnd, i)).append(rnd.nextBoolean() ? "\n" : "\r\n");
      }
    }
    if (rnd.nextBoolean()) {
      sb.append(entry(rnd, lines)); // no final newline
    }
    return sb.toString();
  }

  private static String messyArray(Random rnd, int elements) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < elements; i++) {
      if (i > 0) {
        // A missing comma before '{' is tolerated by the reader: keep it in the mix.
        sb.append(rnd.nextInt(10) == 0 ? "\n" : ",\n");
      }
      switch (rnd.nextInt(10)) {
        case 0:
          sb.append("  \"a scalar\"");
          break;
        case 1:
          sb.append("  [1, {\"nested\": [\"]\"]}]");
          break;
        default:
          sb.append("  ").append(entry(rnd, i));
      }
    }
    return sb.append("\n]\n").toString();
  }

  private static String entry(Random rnd, int i) {
    return "{\"insertId\":\"id-"
        + i
        + "\",\"severity\":\"ERROR\",\"textPayload\":\"boom {[\\\"]} "
        + "x".repeat(rnd.nextInt(200))
        + "\",\"labels\":{\"k\":\"v\"}}";
  }
}
