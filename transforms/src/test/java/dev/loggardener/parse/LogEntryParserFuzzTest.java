package dev.loggardener.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** No input, however broken, may make the reader or parser throw. */
public class LogEntryParserFuzzTest {
  private final BothPathsParser parser = new BothPathsParser();

  @Test
  public void randomBytesNeverEscapeAsExceptions() {
    Random rnd = new Random(42);
    byte[] alphabet =
        "{}[]\",:\\ \n\r\t0123456789abcdeftrunlTZ.-+%\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 3000; i++) {
      byte[] data = new byte[rnd.nextInt(300)];
      for (int k = 0; k < data.length; k++) {
        data[k] =
            rnd.nextBoolean() ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
      }
      for (RawRecord r : Fixtures.readAll(data)) {
        assertNotNull(parser.parse(r));
      }
      assertNotNull(parser.parse(new String(data, StandardCharsets.UTF_8)));
    }
  }

  @Test
  public void everyTruncationOfRealEntriesFailsCleanlyOrParses() {
    for (String name : new String[] {"e2.json", "e5.json", "e8.json"}) {
      String full = Fixtures.text(name);
      for (int n = 1; n < full.trim().length(); n++) {
        ParseOutcome o = parser.parse(full.substring(0, n));
        assertEquals(name + " cut at " + n + ": " + o, FailureReason.TRUNCATED_JSON, o.reason());
      }
    }
    String file = Fixtures.text("gcloud_export.json");
    for (int n = 0; n < file.length(); n += 97) {
      List<RawRecord> recs = Fixtures.readAll(file.substring(0, n));
      for (RawRecord r : recs) {
        assertNotNull(parser.parse(r));
      }
    }
  }

  @Test
  public void randomMutationsOfRealEntriesNeverThrow() {
    Random rnd = new Random(7);
    byte[] base = Fixtures.bytes("e5.json");
    for (int i = 0; i < 3000; i++) {
      byte[] d = base.clone();
      for (int m = 0; m < 1 + rnd.nextInt(5); m++) {
        d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
      }
      for (RawRecord r : Fixtures.readAll(d)) {
        assertNotNull(parser.parse(r));
      }
    }
  }
}
