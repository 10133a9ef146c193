package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.loggardener.parse.ExportRecordReader;
import dev.loggardener.parse.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading an export in parallel chunks gives the records of one sequential read. */
public class ReadLogExportTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aFileSplitIntoChunksYieldsTheRecordsOfASequentialRead() throws IOException {
    Path file = tmp.newFile("export.ndjson").toPath();
    Files.writeString(file, ndjson(300));
    List<RawRecord> expected = sequential(file);

    PCollection<RawRecord> records =
        pipeline.apply(ReadLogExport.from(file.toString()).withChunkBytes(1024));

    PAssert.that(records).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aGzipFileIsReadWholeWithTheSameRecords() throws IOException {
    Path plain = tmp.newFile("export.json").toPath();
    Files.writeString(plain, "[\n" + ndjson(50).replace("}\n", "},\n") + "{\"last\":1}\n]\n");
    Path gz = tmp.getRoot().toPath().resolve("export.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    List<RawRecord> expected = new ArrayList<>();
    for (RawRecord r : sequential(plain)) {
      expected.add(RawRecord.of(gz.toString(), r.ordinal(), r.text()));
    }
    assertThat(expected.size(), equalTo(51));

    PCollection<RawRecord> records =
        pipeline.apply(ReadLogExport.from(gz.toString()).withChunkBytes(256));

    PAssert.that(records).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  private static List<RawRecord> sequential(Path file) throws IOException {
    List<RawRecord> out = new ArrayList<>();
    byte[] bytes = Files.readAllBytes(file);
    try (ExportRecordReader r =
        ExportRecordReader.open(new ByteArrayInputStream(bytes), file.toString())) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  private static String ndjson(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i % 17 == 0) {
        sb.append("\n"); // blank lines are not records and must not shift record numbers
      }
      sb.append("{\"insertId\":\"")
          .append(i)
          .append("\",\"textPayload\":\"line ")
          .append("é".repeat(i % 5))
          .append("\"}\n");
    }
    return sb.toString();
  }
}
