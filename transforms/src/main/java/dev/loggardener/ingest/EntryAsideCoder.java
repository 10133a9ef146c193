package dev.loggardener.ingest;

import dev.loggardener.model.DeadLetterCoder;
import dev.loggardener.model.LogEntryCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder of {@link EntryAside}: a tag byte, then the value's own coder. */
public final class EntryAsideCoder extends AtomicCoder<EntryAside> {
  private static final EntryAsideCoder INSTANCE = new EntryAsideCoder();

  public static EntryAsideCoder of() {
    return INSTANCE;
  }

  public static EntryAsideCoder create() {
    return INSTANCE;
  }

  @Override
  public void encode(EntryAside a, OutputStream out) throws IOException {
    out.write(a.kind().ordinal());
    switch (a.kind()) {
      case DEAD_LETTER:
        DeadLetterCoder.of().encode(a.deadLetter(), out);
        break;
      case TRACE_LINE:
        LogEntryCoder.of().encode(a.traceLine(), out);
        break;
      default:
        StringUtf8Coder.of().encode(a.service(), out);
        VarLongCoder.of().encode(a.count(), out);
    }
  }

  @Override
  public EntryAside decode(InputStream in) throws IOException {
    int tag = in.read();
    if (tag < 0 || tag >= EntryAside.Kind.values().length) {
      throw new CoderException("not an EntryAside tag: " + tag);
    }
    switch (EntryAside.Kind.values()[tag]) {
      case DEAD_LETTER:
        return EntryAside.deadLetter(DeadLetterCoder.of().decode(in));
      case TRACE_LINE:
        return EntryAside.traceLine(LogEntryCoder.of().decode(in));
      default:
        String service = StringUtf8Coder.of().decode(in);
        return EntryAside.entriesRead(service, VarLongCoder.of().decode(in));
    }
  }

  @Override
  public void verifyDeterministic() {}
}
