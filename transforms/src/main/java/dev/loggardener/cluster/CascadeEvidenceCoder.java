package dev.loggardener.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link CascadeEvidence}: both samples are written in sample order. */
public final class CascadeEvidenceCoder extends AtomicCoder<CascadeEvidence> {
  private static final CascadeEvidenceCoder INSTANCE = new CascadeEvidenceCoder();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder VARLONG = VarLongCoder.of();
  private static final BigEndianLongCoder HASH = BigEndianLongCoder.of();

  public static CascadeEvidenceCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(CascadeEvidence value, OutputStream out) throws IOException {
    List<CascadeEvidence.Event> events = value.events();
    INT.encode(events.size(), out);
    for (CascadeEvidence.Event e : events) {
      HASH.encode(e.bucketHash, out);
      HASH.encode(e.tieHash, out);
      HASH.encode(e.instanceHash, out);
      VARLONG.encode(e.epochMillis, out);
    }
    Map<Long, Long> traces = value.traces();
    INT.encode(traces.size(), out);
    for (Map.Entry<Long, Long> t : traces.entrySet()) {
      HASH.encode(t.getKey(), out);
      VARLONG.encode(t.getValue(), out);
    }
  }

  @Override
  public CascadeEvidence decode(InputStream in) throws IOException {
    CascadeEvidence v = new CascadeEvidence();
    int n = INT.decode(in);
    for (int i = 0; i < n; i++) {
      v.addEvent(
          new CascadeEvidence.Event(
              HASH.decode(in), HASH.decode(in), HASH.decode(in), VARLONG.decode(in)));
    }
    int t = INT.decode(in);
    for (int i = 0; i < t; i++) {
      v.addTrace(HASH.decode(in), VARLONG.decode(in));
    }
    return v;
  }

  @Override
  public void verifyDeterministic() {}
}
