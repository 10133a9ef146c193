package dev.loggardener.pipeline.io;

import dev.loggardener.parse.ExportRecordReader;
import dev.loggardener.parse.ExportRecordReader.ResumePoint;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads log export files (a file, a directory or a glob; local or any Beam file system) into raw
 * records, one per LogEntry, streaming each file so that gigabyte exports never sit in memory. The
 * format (gcloud JSON array or NDJSON) is detected per file by {@link ExportRecordReader}; a file
 * that cannot be read becomes one failed record rather than a failed pipeline. An uncompressed file
 * larger than the chunk size is split at record boundaries by one scan (no decoding) and its chunks
 * are spread across workers, so a single big export uses every core; records and their ordinals are
 * the same as with one sequential read.
 */
public final class ReadLogExport extends PTransform<PBegin, PCollection<RawRecord>> {
  private static final long serialVersionUID = 1L;

  /** Dead-letter reason for a file that could not be opened or read to its end. */
  public static final String UNREADABLE_FILE = "unreadable_file";

  /** Default chunk size: big enough that planning and opening cost little per record. */
  public static final long DEFAULT_CHUNK_BYTES = 32L * 1024 * 1024;

  private final String filepattern;
  private final long chunkBytes;

  private ReadLogExport(String filepattern, long chunkBytes) {
    this.filepattern = filepattern;
    this.chunkBytes = chunkBytes;
  }

  /** Reads {@code input}; a local directory or a path ending in '/' means every file below it. */
  public static ReadLogExport from(String input) {
    return new ReadLogExport(toFilepattern(input), DEFAULT_CHUNK_BYTES);
  }

  /**
   * Splits uncompressed files larger than {@code bytes} into chunks read in parallel; 0 reads every
   * file whole.
   */
  public ReadLogExport withChunkBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("chunk size must not be negative: " + bytes);
    }
    return new ReadLogExport(filepattern, bytes == 0 ? Long.MAX_VALUE : bytes);
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
        .apply(
            "MatchFiles",
            FileIO.match()
                .filepattern(filepattern)
                .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("ReadMatches", FileIO.readMatches().withCompression(Compression.AUTO))
        .apply("PlanChunks", ParDo.of(new PlanChunksFn(chunkBytes)))
        .setCoder(SerializableCoder.of(ExportChunk.class))
        .apply("SpreadChunks", Reshuffle.viaRandomKey())
        .apply("SplitRecords", ParDo.of(new ReadChunkFn()))
        .setCoder(RawRecordCoder.of());
  }

  /** A run of consecutive records of one file: from a resume point, a number of records or all. */
  static final class ExportChunk implements Serializable {
    private static final long serialVersionUID = 1L;

    final String resource;
    final Compression compression;
    final ResumePoint start;
    // Records to read from start; -1 reads to the end of the file.
    final long records;

    ExportChunk(String resource, Compression compression, ResumePoint start, long records) {
      this.resource = resource;
      this.compression = compression;
      this.start = start;
      this.records = records;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof ExportChunk)) {
        return false;
      }
      ExportChunk c = (ExportChunk) o;
      return resource.equals(c.resource)
          && compression == c.compression
          && start.equals(c.start)
          && records == c.records;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(resource, compression, start, records);
    }

    InputStream open() throws IOException {
      ResourceId id = FileSystems.matchNewResource(resource, false);
      ReadableByteChannel channel = FileSystems.open(id);
      if (start.byteOffset() > 0) {
        ((SeekableByteChannel) channel).position(start.byteOffset());
      }
      return Channels.newInputStream(compression.readDecompressed(channel));
    }
  }

  static final class PlanChunksFn extends DoFn<FileIO.ReadableFile, ExportChunk> {
    private static final long serialVersionUID = 1L;

    private final long chunkBytes;

    PlanChunksFn(long chunkBytes) {
      this.chunkBytes = chunkBytes;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<ExportChunk> out) {
      MatchResult.Metadata meta = file.getMetadata();
      String resource = meta.resourceId().toString();
      Compression compression = file.getCompression();
      boolean splittable =
          compression == Compression.UNCOMPRESSED
              && meta.isReadSeekEfficient()
              && meta.sizeBytes() > chunkBytes;
      List<ResumePoint> points = List.of(ResumePoint.START);
      if (splittable) {
        try (InputStream in = Channels.newInputStream(file.open())) {
          points = ExportRecordReader.plan(in, resource, chunkBytes);
        } catch (IOException | RuntimeException e) {
          // One whole-file chunk: its read meets the same failure and dead-letters it.
          points = List.of(ResumePoint.START);
        }
      }
      for (int i = 0; i < points.size(); i++) {
        long records =
            i + 1 < points.size()
                ? points.get(i + 1).recordsBefore() - points.get(i).recordsBefore()
                : -1;
        out.output(new ExportChunk(resource, compression, points.get(i), records));
      }
    }
  }

  static final class ReadChunkFn extends DoFn<ExportChunk, RawRecord> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element ExportChunk chunk, OutputReceiver<RawRecord> out) {
      long emitted = 0;
      try (InputStream in = chunk.open();
          ExportRecordReader reader = ExportRecordReader.resume(in, chunk.resource, chunk.start)) {
        while ((chunk.records < 0 || emitted < chunk.records) && reader.hasNext()) {
          out.output(reader.next());
          emitted++;
        }
      } catch (IOException | RuntimeException e) {
        // The records already emitted stay counted; the unreadable rest is one dead letter.
        out.output(
            RawRecord.failed(
                chunk.resource,
                chunk.start.recordsBefore() + emitted + 1,
                e.getClass().getName() + ": " + e.getMessage(),
                UNREADABLE_FILE));
      }
    }
  }
}
