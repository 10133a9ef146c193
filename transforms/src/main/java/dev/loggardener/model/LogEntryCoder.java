package dev.loggardener.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Compact, deterministic binary coder for {@link LogEntry}. Every parsed entry crosses at least one
 * stage boundary, and on runners that copy or spill between stages Java serialization cost several
 * times the parse itself; label maps are written in key order so equal entries encode to equal
 * bytes. The fields travel as one {@link BinaryFrame}, written and read in bulk.
 */
public final class LogEntryCoder extends AtomicCoder<LogEntry> {
  private static final LogEntryCoder INSTANCE = new LogEntryCoder();

  public static LogEntryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LogEntry e, OutputStream out) throws IOException {
    new BinaryFrame.Writer(256 + e.message().length() + e.httpUrl().length())
        .varLong(e.timestamp().getEpochSecond())
        .varInt(e.timestamp().getNano())
        .varInt(e.severity().number())
        .string(e.insertId())
        .string(e.logName())
        .string(e.logId())
        .string(e.resourceType())
        .sortedMap(e.resourceLabels())
        .sortedMap(e.labels())
        .string(e.service())
        .string(e.revision())
        .string(e.instanceId())
        .string(e.trace())
        .string(e.spanId())
        .string(e.httpMethod())
        .string(e.httpUrl())
        .varInt(e.httpStatus())
        .string(e.message())
        .bool(e.messageTruncated())
        .string(e.messageField())
        .writeTo(out);
  }

  @Override
  public LogEntry decode(InputStream in) throws IOException {
    BinaryFrame.Reader r = BinaryFrame.Reader.readFrom(in);
    long seconds = r.varLong();
    int nanos = r.varInt();
    return LogEntry.builder()
        .timestamp(Instant.ofEpochSecond(seconds, nanos))
        .severity(Severity.fromNumber(r.varInt()))
        .insertId(r.string())
        .logName(r.string())
        .logId(r.string())
        .resourceType(r.string())
        .resourceLabels(r.map())
        .labels(r.map())
        .service(r.string())
        .revision(r.string())
        .instanceId(r.string())
        .trace(r.string())
        .spanId(r.string())
        .httpMethod(r.string())
        .httpUrl(r.string())
        .httpStatus(r.varInt())
        .message(r.string())
        .messageTruncated(r.bool())
        .messageField(r.string())
        .build();
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
