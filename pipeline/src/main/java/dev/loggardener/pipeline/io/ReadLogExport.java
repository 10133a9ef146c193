package dev.loggardener.pipeline.io;

import dev.loggardener.parse.ExportRecordReader;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.transforms.RawRecordCoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads log export files (a file, a directory or a glob; local or any Beam file system) into raw
 * records, one per LogEntry, streaming each file so that gigabyte exports never sit in memory.
 * The format (gcloud JSON array or NDJSON) is detected per file by {@link ExportRecordReader}; a
 * file that cannot be read becomes one failed record rather than a failed pipeline.
 */
public final class ReadLogExport extends PTransform<PBegin, PCollection<RawRecord>> {
  private static final long serialVersionUID = 1L;

  /** Dead-letter reason for a file that could not be opened or read to its end. */
  public static final String UNREADABLE_FILE = "unreadable_file";

  private final String filepattern;

  private ReadLogExport(String filepattern) {
    this.filepattern = filepattern;
  }

  /** Reads {@code input}; a local directory or a path ending in '/' means every file below it. */
  public static ReadLogExport from(String input) {
    return new ReadLogExport(toFilepattern(input));
  }

  static String toFilepattern(String input) {
    if (input.endsWith("/")) {
      return input + "**";
    }
    if (!input.contains("://")) {
      Path p = Paths.get(input);
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath() + "/**";
      }
    }
    return input;
  }

  @Override
  public PCollection<RawRecord> expand(PBegin begin) {
    return begin
        .apply("MatchFiles",
            FileIO.match().filepattern(filepattern)
                .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("ReadMatches", FileIO.readMatches().withCompression(Compression.AUTO))
        .apply("SplitRecords", ParDo.of(new SplitRecordsFn()))
        .setCoder(RawRecordCoder.of());
  }

  static final class SplitRecordsFn extends DoFn<FileIO.ReadableFile, RawRecord> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawRecord> out) {
      String source = file.getMetadata().resourceId().toString();
      long emitted = 0;
      try (InputStream in = Channels.newInputStream(file.open());
          ExportRecordReader reader = ExportRecordReader.open(in, source)) {
        while (reader.hasNext()) {
          out.output(reader.next());
          emitted++;
        }
      } catch (IOException | RuntimeException e) {
        // The records already emitted stay counted; the unreadable rest is one dead letter.
        out.output(
            RawRecord.failed(
                source,
                emitted + 1,
                e.getClass().getName() + ": " + e.getMessage(),
                UNREADABLE_FILE));
      }
    }
  }
}
