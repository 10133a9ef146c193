package dev.loggardener.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams the records of one log export file with bounded memory. The format is detected from the
 * first non-whitespace byte (after an optional UTF-8 BOM): {@code [} means the pretty-printed JSON
 * array written by {@code gcloud logging read --format=json}, and each top-level element becomes
 * a record; anything else means NDJSON as written by Log Router sinks, one record per line (LF or
 * CRLF). The array is split by a byte-level scanner that only tracks string/escape state and an
 * int bracket depth, so neither gigabyte files nor 100,000-level nesting need more than one
 * record's bytes of memory or any recursion. Whitespace-only lines are skipped and not counted.
 * Records the reader can already judge carry a {@link FailureReason}: {@code invalid_utf8} (text
 * decoded with replacement characters), {@code record_too_large} (text cut to {@link
 * #PREVIEW_BYTES}; the reader skips to the record's end and goes on), {@code truncated_json} (the
 * file ends inside an array element) and {@code not_json} (garbage between array elements). Not
 * thread-safe; I/O errors surface as {@link UncheckedIOException}.
 *
 * <p>A large file can be read by several workers: {@link #plan} scans it once without building
 * records and returns {@link ResumePoint}s, and {@link #resume} reads from one of them. Reading
 * every chunk gives exactly the records, ordinals and failure reasons of one sequential read,
 * because resume points are only taken where a sequential read would start a record in a state
 * that the resumed reader reproduces (an NDJSON line, or an array element opening with {@code
 * '{'}).
 */
public final class ExportRecordReader implements Iterator<RawRecord>, Closeable {
  /** Default cap on one record's size in bytes; Cloud Logging's own entry limit is far lower. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;

  /** How much of an oversized record is kept so a dead-letter row still shows what it was. */
  public static final int PREVIEW_BYTES = 4096;

  private static final int BUFFER_BYTES = 64 * 1024;

  private enum State {
    DETECT,
    NDJSON,
    ARRAY_BEFORE_ELEMENT,
    ARRAY_AFTER_ELEMENT,
    ARRAY_OUTSIDE,
    DONE
  }

  private final InputStream in;
  private final String source;
  private final int maxRecordBytes;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int lim;
  private boolean eof;

  private final CharsetDecoder strictUtf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  // The record being assembled; grows on demand up to maxRecordBytes.
  private byte[] rec = new byte[8192];
  private int recLen;
  private boolean recTooLarge;

  private State state = State.DETECT;
  private long ordinal;
  private RawRecord next;

  // File offset of buf[0], so a record's start can be named as a resume point.
  private long bufferOffset;
  private long recordStart;
  // The state a sequential read was in when the last record began, if a resume can reproduce it.
  private State resumableState;
  private long lastRecordStart;
  private State lastResumableState;
  // Planning only: records are delimited and counted but never decoded into strings.
  private boolean scanOnly;
  private static final RawRecord SCANNED = RawRecord.of("", 0, "");

  /**
   * Where a sequential read begins a record: the byte offset, the number of records before it, and
   * whether it lies in NDJSON or inside a JSON array. {@link #START} is the file's beginning.
   */
  public static final class ResumePoint implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The beginning of a file, before format detection. */
    public static final ResumePoint START = new ResumePoint(0, 0, null);

    private final long byteOffset;
    private final long recordsBefore;
    // Null for START; else NDJSON or ARRAY_BEFORE_ELEMENT.
    private final State state;

    private ResumePoint(long byteOffset, long recordsBefore, State state) {
      this.byteOffset = byteOffset;
      this.recordsBefore = recordsBefore;
      this.state = state;
    }

    public long byteOffset() {
      return byteOffset;
    }

    /** Ordinal of the last record before this point; the next record gets this plus one. */
    public long recordsBefore() {
      return recordsBefore;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ResumePoint
          && ((ResumePoint) o).byteOffset == byteOffset
          && ((ResumePoint) o).recordsBefore == recordsBefore
          && ((ResumePoint) o).state == state;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(byteOffset) * 31 + Long.hashCode(recordsBefore);
    }

    @Override
    public String toString() {
      return "ResumePoint{@" + byteOffset + " after " + recordsBefore + " " + state + "}";
    }
  }

  private ExportRecordReader(InputStream in, String source, int maxRecordBytes) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = source == null ? "" : source;
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  /** A reader with the default record size cap ({@link #DEFAULT_MAX_RECORD_BYTES}). */
  public static ExportRecordReader open(InputStream in, String sourceName) {
    return new ExportRecordReader(in, sourceName, DEFAULT_MAX_RECORD_BYTES);
  }

  /** A reader that reports records over {@code maxRecordBytes} as {@code record_too_large}. */
  public static ExportRecordReader open(InputStream in, String sourceName, int maxRecordBytes) {
    return new ExportRecordReader(in, sourceName, maxRecordBytes);
  }

  /**
   * A reader continuing a sequential read at {@code point}; {@code in} must already be positioned
   * at {@link ResumePoint#byteOffset()} of the same (uncompressed) file.
   */
  public static ExportRecordReader resume(InputStream in, String sourceName, ResumePoint point) {
    ExportRecordReader r = new ExportRecordReader(in, sourceName, DEFAULT_MAX_RECORD_BYTES);
    if (point.state != null) {
      r.state = point.state;
      r.ordinal = point.recordsBefore;
      r.bufferOffset = point.byteOffset;
    }
    return r;
  }

  /**
   * Scans a whole file and returns where to split it into chunks of about {@code chunkBytes}:
   * {@link ResumePoint#START} first, then a point at the first resumable record start at least
   * {@code chunkBytes} after the previous point. Chunk i holds the records from point i up to point
   * i+1 (their {@code recordsBefore} difference); the last chunk runs to the end of input. Costs
   * one pass over the bytes with no string decoding.
   */
  public static List<ResumePoint> plan(InputStream in, String sourceName, long chunkBytes)
      throws IOException {
    List<ResumePoint> points = new ArrayList<>();
    points.add(ResumePoint.START);
    try (ExportRecordReader r = new ExportRecordReader(in, sourceName, DEFAULT_MAX_RECORD_BYTES)) {
      r.scanOnly = true;
      long previous = 0;
      while (r.hasNext()) {
        r.next();
        if (r.lastResumableState != null && r.lastRecordStart - previous >= chunkBytes) {
          points.add(new ResumePoint(r.lastRecordStart, r.ordinal - 1, r.lastResumableState));
          previous = r.lastRecordStart;
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return points;
  }

  @Override
  public boolean hasNext() {
    if (next == null && state != State.DONE) {
      try {
        next = advance();
      } catch (IOException e) {
        state = State.DONE;
        throw new UncheckedIOException("reading " + source, e);
      }
    }
    return next != null;
  }

  @Override
  public RawRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawRecord r = next;
    next = null;
    return r;
  }

  @Override
  public void close() throws IOException {
    state = State.DONE;
    in.close();
  }

  // ---------------------------------------------------------------------------------------------
  // State machine

  private RawRecord advance() throws IOException {
    while (true) {
      switch (state) {
        case DETECT:
          detect();
          break;
        case NDJSON:
          {
            RawRecord r = nextLine();
            if (r != null) {
              return r;
            }
            break;
          }
        case ARRAY_BEFORE_ELEMENT:
        case ARRAY_AFTER_ELEMENT:
          {
            int b = skipWhitespace();
            if (b < 0) {
              // A missing closing bracket after a complete element loses nothing: just stop.
              state = State.DONE;
            } else if (b == ',') {
              pos++;
              state = State.ARRAY_BEFORE_ELEMENT;
            } else if (b == ']') {
              pos++;
              state = State.ARRAY_OUTSIDE;
            } else if (state == State.ARRAY_AFTER_ELEMENT && b != '{') {
              return garbage();
            } else {
              // A '{' right after an element (missing comma) is read as the next element.
              state = State.ARRAY_AFTER_ELEMENT;
              return element();
            }
            break;
          }
        case ARRAY_OUTSIDE:
          {
            int b = skipWhitespace();
            if (b < 0) {
              state = State.DONE;
            } else if (b == '[') {
              // Concatenated exports (cat a.json b.json) are several arrays in a row.
              pos++;
              state = State.ARRAY_BEFORE_ELEMENT;
            } else {
              return garbage();
            }
            break;
          }
        case DONE:
        default:
          return null;
      }
    }
  }

  private void detect() throws IOException {
    ensure(3);
    if (lim - pos >= 3
        && (buf[pos] & 0xFF) == 0xEF
        && (buf[pos + 1] & 0xFF) == 0xBB
        && (buf[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
    }
    int b = skipWhitespace();
    if (b < 0) {
      state = State.DONE;
    } else if (b == '[') {
      pos++;
      state = State.ARRAY_BEFORE_ELEMENT;
    } else {
      state = State.NDJSON;
    }
  }

  /** Next non-blank NDJSON line, or null at end of input. */
  private RawRecord nextLine() throws IOException {
    while (true) {
      startRecord();
      resumableState = State.NDJSON;
      boolean sawNewline = false;
      while (!sawNewline) {
        if (pos >= lim && !fill()) {
          break;
        }
        int start = pos;
        int nl = indexOf(buf, (byte) '\n', pos, lim);
        if (nl >= 0) {
          append(start, nl);
          pos = nl + 1;
          sawNewline = true;
        } else {
          append(start, lim);
          pos = lim;
        }
      }
      if (!sawNewline && recLen == 0 && !recTooLarge) {
        state = State.DONE;
        return null;
      }
      RawRecord r = finishRecord(null, true);
      if (r != null) {
        return r;
      }
      if (!sawNewline) {
        state = State.DONE;
        return null;
      }
    }
  }

  /** One array element starting at the current (non-whitespace) byte. */
  private RawRecord element() throws IOException {
    startRecord();
    int first = buf[pos];
    if (first == '{') {
      resumableState = State.ARRAY_BEFORE_ELEMENT;
    }
    if (first == '{' || first == '[') {
      return bracketed();
    }
    return scalar(null);
  }

  /** Bytes that cannot start an element where they stand; read up to a plausible boundary. */
  private RawRecord garbage() throws IOException {
    startRecord();
    return scalar(FailureReason.NOT_JSON);
  }

  private RawRecord bracketed() throws IOException {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    while (true) {
      if (pos >= lim && !fill()) {
        state = State.DONE;
        return finishRecord(FailureReason.TRUNCATED_JSON, true);
      }
      int start = pos;
      int i = pos;
      final int end = lim;
      final byte[] b = buf;
      while (i < end) {
        byte c = b[i++];
        if (inString) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) {
            append(start, i);
            pos = i;
            return finishRecord(null, false);
          }
        }
      }
      append(start, end);
      pos = end;
    }
  }

  /**
   * A non-bracketed element (a scalar or garbage): it ends before a ',' or ']' outside a string, or
   * at a newline, because garbage has no structure to follow.
   */
  private RawRecord scalar(String reason) throws IOException {
    // The first byte is always taken (it is never whitespace), so the record is never empty and
    // a stray ',' or ']' outside the array cannot stall the reader.
    byte first = buf[pos];
    append(pos, pos + 1);
    pos++;
    boolean inString = first == '"';
    boolean escaped = false;
    while (true) {
      if (pos >= lim && !fill()) {
        state = State.DONE;
        return finishRecord(
            inString && reason == null ? FailureReason.TRUNCATED_JSON : reason, true);
      }
      int start = pos;
      int i = pos;
      while (i < lim) {
        byte c = buf[i];
        if (c == '\n') {
          break;
        }
        if (inString) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == ',' || c == ']') {
          break;
        }
        i++;
      }
      append(start, i);
      pos = i;
      if (i < lim) {
        return finishRecord(reason, true);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Record assembly

  private void startRecord() {
    recordStart = bufferOffset + pos;
    resumableState = null;
    recLen = 0;
    recTooLarge = false;
    if (rec.length > 1024 * 1024) {
      rec = new byte[8192]; // do not keep a huge buffer alive after one big record
    }
  }

  private void append(int from, int to) {
    if (recTooLarge) {
      return;
    }
    int n = to - from;
    if (n <= 0) {
      return;
    }
    if ((long) recLen + n > maxRecordBytes) {
      // Keep only a preview; the rest of the record is still scanned but not stored.
      int room = Math.max(0, Math.min(PREVIEW_BYTES, maxRecordBytes) - recLen);
      int take = Math.min(room, n);
      if (take > 0) {
        grow(recLen + take);
        System.arraycopy(buf, from, rec, recLen, take);
        recLen += take;
      }
      recLen = Math.min(recLen, PREVIEW_BYTES);
      recTooLarge = true;
      return;
    }
    grow(recLen + n);
    System.arraycopy(buf, from, rec, recLen, n);
    recLen += n;
  }

  private void grow(int needed) {
    if (needed > rec.length) {
      int cap = (int) Math.min(Math.max((long) rec.length * 2, needed), Integer.MAX_VALUE - 8);
      rec = Arrays.copyOf(rec, cap);
    }
  }

  /** Builds the record; returns null for whitespace-only content, which is not a record. */
  private RawRecord finishRecord(String reason, boolean trim) {
    int from = 0;
    int to = recLen;
    if (trim) {
      while (from < to && isWhitespace(rec[from])) {
        from++;
      }
      while (to > from && isWhitespace(rec[to - 1])) {
        to--;
      }
    }
    if (from == to && !recTooLarge) {
      return null;
    }
    long n = ++ordinal;
    lastRecordStart = recordStart;
    lastResumableState = resumableState;
    if (scanOnly) {
      return SCANNED;
    }
    if (recTooLarge) {
      return RawRecord.failed(
          source,
          n,
          new String(rec, from, to - from, StandardCharsets.UTF_8),
          FailureReason.RECORD_TOO_LARGE);
    }
    String text;
    boolean badUtf8 = false;
    try {
      text = strictUtf8.decode(ByteBuffer.wrap(rec, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      text = new String(rec, from, to - from, StandardCharsets.UTF_8);
      badUtf8 = true;
    }
    if (reason == null && badUtf8) {
      reason = FailureReason.INVALID_UTF8;
    }
    return reason == null
        ? RawRecord.of(source, n, text)
        : RawRecord.failed(source, n, text, reason);
  }

  // ---------------------------------------------------------------------------------------------
  // Buffer management

  /** Returns the next non-whitespace byte without consuming it, or -1 at end of input. */
  private int skipWhitespace() throws IOException {
    while (true) {
      if (pos >= lim && !fill()) {
        return -1;
      }
      byte c = buf[pos];
      if (!isWhitespace(c)) {
        return c & 0xFF;
      }
      pos++;
    }
  }

  /** Refills an exhausted buffer; false at end of input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    bufferOffset += lim;
    pos = 0;
    lim = 0;
    while (lim == 0) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        return false;
      }
      lim = n;
    }
    return true;
  }

  /** Makes at least {@code n} bytes available when the input has them (used only at the start). */
  private void ensure(int n) throws IOException {
    while (lim - pos < n && !eof) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        bufferOffset += pos;
        lim -= pos;
        pos = 0;
      }
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
      } else {
        lim += r;
      }
    }
  }

  private static boolean isWhitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static int indexOf(byte[] a, byte v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
