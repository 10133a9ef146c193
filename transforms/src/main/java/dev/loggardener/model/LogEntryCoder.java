package dev.loggardener.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Compact, deterministic binary coder for {@link LogEntry}. Every parsed entry crosses at least
 * one stage boundary, and on runners that copy or spill between stages Java serialization cost
 * several times the parse itself; label maps are written in key order so equal entries encode to
 * equal bytes.
 */
public final class LogEntryCoder extends AtomicCoder<LogEntry> {
  private static final LogEntryCoder INSTANCE = new LogEntryCoder();
  private static final StringUtf8Coder STR = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final MapCoder<String, String> MAP = MapCoder.of(STR, STR);

  public static LogEntryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LogEntry e, OutputStream out) throws IOException {
    LONG.encode(e.timestamp().getEpochSecond(), out);
    INT.encode(e.timestamp().getNano(), out);
    INT.encode(e.severity().number(), out);
    STR.encode(e.insertId(), out);
    STR.encode(e.logName(), out);
    STR.encode(e.logId(), out);
    STR.encode(e.resourceType(), out);
    MAP.encode(new TreeMap<>(e.resourceLabels()), out);
    MAP.encode(new TreeMap<>(e.labels()), out);
    STR.encode(e.service(), out);
    STR.encode(e.revision(), out);
    STR.encode(e.instanceId(), out);
    STR.encode(e.trace(), out);
    STR.encode(e.spanId(), out);
    STR.encode(e.httpMethod(), out);
    STR.encode(e.httpUrl(), out);
    INT.encode(e.httpStatus(), out);
    STR.encode(e.message(), out);
    BooleanCoder.of().encode(e.messageTruncated(), out);
    STR.encode(e.messageField(), out);
  }

  @Override
  public LogEntry decode(InputStream in) throws IOException {
    long seconds = LONG.decode(in);
    int nanos = INT.decode(in);
    Severity severity = Severity.fromNumber(INT.decode(in));
    LogEntry.Builder b = LogEntry.builder().timestamp(Instant.ofEpochSecond(seconds, nanos)).severity(severity);
    b.insertId(STR.decode(in)).logName(STR.decode(in)).logId(STR.decode(in)).resourceType(STR.decode(in));
    Map<String, String> resourceLabels = MAP.decode(in);
    Map<String, String> labels = MAP.decode(in);
    return b.resourceLabels(resourceLabels)
        .labels(labels)
        .service(STR.decode(in))
        .revision(STR.decode(in))
        .instanceId(STR.decode(in))
        .trace(STR.decode(in))
        .spanId(STR.decode(in))
        .httpMethod(STR.decode(in))
        .httpUrl(STR.decode(in))
        .httpStatus(INT.decode(in))
        .message(STR.decode(in))
        .messageTruncated(BooleanCoder.of().decode(in))
        .messageField(STR.decode(in))
        .build();
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
