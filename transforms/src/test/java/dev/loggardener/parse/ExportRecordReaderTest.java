package dev.loggardener.parse;

import static dev.loggardener.parse.Fixtures.concat;
import static dev.loggardener.parse.Fixtures.readAll;
import static dev.loggardener.parse.Fixtures.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class ExportRecordReaderTest {
  private final LogEntryParser parser = new LogEntryParser();

  @Test
  public void gcloudPrettyPrintedArrayYieldsEachElement() {
    List<RawRecord> recs = readAll(Fixtures.bytes("gcloud_export.json"));
    assertEquals(10, recs.size());
    for (int i = 0; i < recs.size(); i++) {
      RawRecord r = recs.get(i);
      assertNull(r.toString(), r.failureReason());
      assertEquals(i + 1, r.ordinal());
      assertEquals("test", r.source());
      assertTrue(parser.parse(r).isOk());
    }
    assertEquals("683f0c2a000a1b2c3d4e5f60", parser.parse(recs.get(0)).entry().insertId());
    assertEquals("683f0c900007a6b5c4d3e2f1", parser.parse(recs.get(9)).entry().insertId());
  }

  @Test
  public void ndjsonYieldsOneRecordPerLine() {
    List<RawRecord> recs = readAll(Fixtures.bytes("sink_export.ndjson"));
    assertEquals(10, recs.size());
    for (RawRecord r : recs) {
      assertTrue(r.toString(), parser.parse(r).isOk());
    }
  }

  @Test
  public void arrayAndNdjsonExportsGiveTheSameEntries() {
    List<RawRecord> a = readAll(Fixtures.bytes("gcloud_export.json"));
    List<RawRecord> b = readAll(Fixtures.bytes("sink_export.ndjson"));
    for (int i = 0; i < a.size(); i++) {
      assertEquals(parser.parse(a.get(i)).entry(), parser.parse(b.get(i)).entry());
    }
  }

  @Test
  public void utf8BomIsSkippedForArrays() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    List<RawRecord> recs = readAll(concat(bom, utf8("[{\"a\":1},{\"b\":2}]")));
    assertEquals(Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(recs));
  }

  @Test
  public void utf8BomIsSkippedForNdjson() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    List<RawRecord> recs = readAll(concat(bom, utf8("{\"a\":1}\n{\"b\":2}\n")));
    assertEquals(Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(recs));
  }

  @Test
  public void crlfLineEndingsAreStrippedInNdjson() {
    List<RawRecord> recs = readAll("{\"a\":1}\r\n{\"b\":2}\r\n");
    assertEquals(Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(recs));
  }

  @Test
  public void crlfInsidePrettyArrayIsHandled() {
    List<RawRecord> recs = readAll("[\r\n  {\r\n    \"a\": 1\r\n  },\r\n  {\"b\": 2}\r\n]\r\n");
    assertEquals(2, recs.size());
    assertNull(recs.get(0).failureReason());
    assertEquals("{\"b\": 2}", recs.get(1).text());
  }

  @Test
  public void blankAndWhitespaceLinesAreNotRecords() {
    List<RawRecord> recs = readAll("\n  \n{\"a\":1}\n\t\n\r\n{\"b\":2}\n   ");
    assertEquals(Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(recs));
    assertEquals(1, recs.get(0).ordinal());
    assertEquals(2, recs.get(1).ordinal());
  }

  @Test
  public void lastLineWithoutNewlineIsRead() {
    assertEquals(Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(readAll("{\"a\":1}\n{\"b\":2}")));
  }

  @Test
  public void emptyInputAndEmptyArrayYieldNothing() {
    assertTrue(readAll("").isEmpty());
    assertTrue(readAll("  \n\n").isEmpty());
    assertTrue(readAll("[]").isEmpty());
    assertTrue(readAll("[\n]\n").isEmpty());
  }

  @Test
  public void stringsWithBracketsCommasAndEscapedQuotesDoNotSplitElements() {
    String e1 = "{\"m\":\"a ] b } c , \\\" [ {\"}";
    String e2 = "{\"m\":\"\\\\\"}";
    List<RawRecord> recs = readAll("[" + e1 + "," + e2 + "]");
    assertEquals(Arrays.asList(e1, e2), texts(recs));
  }

  @Test
  public void invalidUtf8IsFlaggedAndDecodedWithReplacement() {
    byte[] data =
        concat(
            utf8("{\"m\":\"a"), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\"}\n{\"ok\":1}\n"));
    List<RawRecord> recs = readAll(data);
    assertEquals(2, recs.size());
    assertEquals(FailureReason.INVALID_UTF8, recs.get(0).failureReason());
    assertTrue(recs.get(0).text().contains("\uFFFD"));
    assertNull(recs.get(1).failureReason());
  }

  @Test
  public void invalidUtf8InsideArrayElementIsFlagged() {
    byte[] data = concat(utf8("[{\"m\":\""), new byte[] {(byte) 0xFF}, utf8("\"},{\"ok\":1}]"));
    List<RawRecord> recs = readAll(data);
    assertEquals(FailureReason.INVALID_UTF8, recs.get(0).failureReason());
    assertNull(recs.get(1).failureReason());
  }

  @Test
  public void validMultibyteUtf8IsKept() {
    List<RawRecord> recs = readAll("{\"m\":\"héllo 日本 🚀\"}\n");
    assertNull(recs.get(0).failureReason());
    assertEquals("{\"m\":\"héllo 日本 🚀\"}", recs.get(0).text());
  }

  @Test
  public void oversizedNdjsonLineIsReportedTruncatedAndReadingContinues() {
    String big = "{\"m\":\"" + "x".repeat(10_000) + "\"}";
    List<RawRecord> recs = readAll(utf8("{\"a\":1}\n" + big + "\n{\"b\":2}\n"), 1000);
    assertEquals(3, recs.size());
    assertEquals(FailureReason.RECORD_TOO_LARGE, recs.get(1).failureReason());
    assertTrue(recs.get(1).text().length() <= ExportRecordReader.PREVIEW_BYTES);
    assertTrue(recs.get(1).text().startsWith("{\"m\":\"xxx"));
    assertEquals("{\"b\":2}", recs.get(2).text());
    assertEquals(3, recs.get(2).ordinal());
  }

  @Test
  public void oversizedArrayElementIsSkippedToItsEnd() {
    String big = "{\"m\":\"" + "]},".repeat(100_000) + "\"}";
    List<RawRecord> recs = readAll(utf8("[{\"a\":1},\n" + big + ",\n{\"b\":2}]"), 64 * 1024);
    assertEquals(3, recs.size());
    assertEquals(FailureReason.RECORD_TOO_LARGE, recs.get(1).failureReason());
    assertEquals(ExportRecordReader.PREVIEW_BYTES, recs.get(1).text().length());
    assertEquals("{\"b\":2}", recs.get(2).text());
  }

  @Test
  public void arrayCutOffMidElementYieldsTruncatedJson() {
    List<RawRecord> recs = readAll(Fixtures.text("gcloud_export.json").substring(0, 3000));
    RawRecord last = recs.get(recs.size() - 1);
    assertEquals(FailureReason.TRUNCATED_JSON, last.failureReason());
    for (RawRecord r : recs.subList(0, recs.size() - 1)) {
      assertNull(r.failureReason());
    }
    assertEquals(FailureReason.TRUNCATED_JSON, parser.parse(last).reason());
  }

  @Test
  public void arrayCutOffInsideStringYieldsTruncatedJson() {
    List<RawRecord> recs = readAll("[{\"a\":1},{\"m\":\"unterminated");
    assertEquals(2, recs.size());
    assertEquals(FailureReason.TRUNCATED_JSON, recs.get(1).failureReason());
    assertEquals("{\"m\":\"unterminated", recs.get(1).text());
  }

  @Test
  public void arrayMissingOnlyTheClosingBracketLosesNothing() {
    List<RawRecord> recs = readAll("[{\"a\":1},\n{\"b\":2}\n");
    assertEquals(Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(recs));
    assertNull(recs.get(1).failureReason());
  }

  @Test
  public void garbageBetweenArrayElementsIsNotJsonAndNeighboursSurvive() {
    List<RawRecord> recs = readAll("[\n{\"a\":1} oops garbage\n,\n{\"b\":2}\n]");
    assertEquals(3, recs.size());
    assertEquals("{\"a\":1}", recs.get(0).text());
    assertEquals(FailureReason.NOT_JSON, recs.get(1).failureReason());
    assertEquals("oops garbage", recs.get(1).text());
    assertEquals("{\"b\":2}", recs.get(2).text());
  }

  @Test
  public void scalarArrayElementsAreRecordsThatAreNotObjects() {
    List<RawRecord> recs = readAll("[1, \"s\", null, {\"a\":1}]");
    assertEquals(Arrays.asList("1", "\"s\"", "null", "{\"a\":1}"), texts(recs));
    assertEquals(FailureReason.NOT_AN_OBJECT, parser.parse(recs.get(0)).reason());
    assertEquals(FailureReason.NOT_AN_OBJECT, parser.parse(recs.get(1)).reason());
  }

  @Test
  public void garbageAfterTheArrayIsNotJson() {
    List<RawRecord> recs = readAll("[{\"a\":1}]\ntrailing junk\n");
    assertEquals(2, recs.size());
    assertEquals(FailureReason.NOT_JSON, recs.get(1).failureReason());
  }

  @Test
  public void concatenatedArraysAreAllRead() {
    assertEquals(
        Arrays.asList("{\"a\":1}", "{\"b\":2}"), texts(readAll("[{\"a\":1}]\n[{\"b\":2}]\n")));
  }

  @Test
  public void deepNestingInArrayIsOneRecordAndFollowingElementsAreRead() {
    int depth = 100_000;
    String deep = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    String ts = "\"timestamp\":\"2025-06-03T14:02:11Z\"";
    List<RawRecord> recs = readAll("[\n" + deep + ",\n{" + ts + "}\n]");
    assertEquals(2, recs.size());
    assertEquals(deep.length(), recs.get(0).text().length());
    assertEquals(FailureReason.NESTING_TOO_DEEP, parser.parse(recs.get(0)).reason());
    assertTrue(parser.parse(recs.get(1)).isOk());
  }

  @Test
  public void fiveThousandLevelNestingInArrayFileIsRejectedAndNextElementParsed() {
    String deep =
        "{\"timestamp\":\"2025-06-03T14:02:11Z\",\"jsonPayload\":"
            + "{\"x\":".repeat(5000)
            + "1"
            + "}".repeat(5000)
            + "}";
    String next = "{\"timestamp\":\"2025-06-03T14:02:12Z\",\"textPayload\":\"after\"}";
    List<RawRecord> recs = readAll("[\n  " + deep + ",\n  " + next + "\n]\n");
    assertEquals(2, recs.size());
    assertEquals(FailureReason.NESTING_TOO_DEEP, parser.parse(recs.get(0)).reason());
    assertEquals("after", parser.parse(recs.get(1)).entry().message());
  }

  @Test
  public void recordsSpanningManySmallReadsAreReassembled() {
    byte[] data = Fixtures.bytes("gcloud_export.json");
    InputStream trickle =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
          }
        };
    try (ExportRecordReader r = ExportRecordReader.open(trickle, "trickle")) {
      int n = 0;
      while (r.hasNext()) {
        assertTrue(parser.parse(r.next()).isOk());
        n++;
      }
      assertEquals(10, n);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  public void hasNextIsIdempotentAndNextAfterEndThrows() {
    try (ExportRecordReader r =
        ExportRecordReader.open(new ByteArrayInputStream(utf8("{\"a\":1}\n")), "s")) {
      assertTrue(r.hasNext());
      assertTrue(r.hasNext());
      r.next();
      assertFalse(r.hasNext());
      try {
        r.next();
        throw new AssertionError("expected NoSuchElementException");
      } catch (java.util.NoSuchElementException expected) {
        // expected
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> texts(List<RawRecord> recs) {
    return recs.stream().map(RawRecord::text).collect(java.util.stream.Collectors.toList());
  }
}
