package dev.loggardener.cluster;

import dev.loggardener.model.ArrayOutput;
import dev.loggardener.model.Severity;
import dev.loggardener.signature.SignedEntryCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic binary coder for {@link ClusterStats}, the accumulator runners persist. */
public final class ClusterStatsCoder extends AtomicCoder<ClusterStats> {
  private static final ClusterStatsCoder INSTANCE = new ClusterStatsCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();
  private static final ListCoder<String> STRINGS = ListCoder.of(StringUtf8Coder.of());

  public static ClusterStatsCoder of() {
    return INSTANCE;
  }

  public static ClusterStatsCoder create() {
    return INSTANCE;
  }

  @Override
  public void encode(ClusterStats s, OutputStream out) throws IOException {
    if (out instanceof ArrayOutput) {
      encodeFields(s, out);
      return;
    }
    // The same bytes, gathered first: Beam's field coders write byte by byte, and a runner's
    // stream is dear per byte.
    ArrayOutput buffer = new ArrayOutput(512);
    encodeFields(s, buffer);
    buffer.copyTo(out);
  }

  private static void encodeFields(ClusterStats s, OutputStream out) throws IOException {
    LONG.encode(s.count, out);
    INT.encode(s.maxSeverity.number(), out);
    encodeInstant(s.firstSeen, out);
    encodeInstant(s.lastSeen, out);
    BOOL.encode(s.sample != null, out);
    if (s.sample != null) {
      SignedEntryCoder.of().encode(s.sample, out);
    }
    STRINGS.encode(s.revisions.toList(), out);
    STRINGS.encode(s.logNames.toList(), out);
    long[] hashes = s.instances.hashes();
    INT.encode(hashes.length, out);
    for (long h : hashes) {
      LONG.encode(h, out);
    }
    CascadeEvidenceCoder.of().encode(s.evidence, out);
  }

  @Override
  public ClusterStats decode(InputStream in) throws IOException {
    ClusterStats s = new ClusterStats();
    s.count = LONG.decode(in);
    s.maxSeverity = Severity.fromNumber(INT.decode(in));
    s.firstSeen = decodeInstant(in);
    s.lastSeen = decodeInstant(in);
    if (BOOL.decode(in)) {
      s.sample = SignedEntryCoder.of().decode(in);
    }
    List<String> revisions = STRINGS.decode(in);
    s.revisions.addAll(revisions);
    s.logNames.addAll(STRINGS.decode(in));
    int n = INT.decode(in);
    for (int i = 0; i < n; i++) {
      s.instances.addHash(LONG.decode(in));
    }
    s.evidence.merge(CascadeEvidenceCoder.of().decode(in));
    return s;
  }

  private static void encodeInstant(Instant t, OutputStream out) throws IOException {
    BOOL.encode(t != null, out);
    if (t != null) {
      LONG.encode(t.getEpochSecond(), out);
      INT.encode(t.getNano(), out);
    }
  }

  private static Instant decodeInstant(InputStream in) throws IOException {
    if (!BOOL.decode(in)) {
      return null;
    }
    long seconds = LONG.decode(in);
    return Instant.ofEpochSecond(seconds, INT.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
