package dev.loggardener.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link SignatureHistory}: counts in window order. */
public final class SignatureHistoryCoder extends AtomicCoder<SignatureHistory> {
  private static final SignatureHistoryCoder INSTANCE = new SignatureHistoryCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  public static SignatureHistoryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SignatureHistory h, OutputStream out) throws IOException {
    LONG.encode(h.firstWindowStart == null ? Long.MIN_VALUE : h.firstWindowStart, out);
    INT.encode(h.counts.size(), out);
    for (Map.Entry<Long, Long> e : h.counts.entrySet()) {
      LONG.encode(e.getKey(), out);
      LONG.encode(e.getValue(), out);
    }
  }

  @Override
  public SignatureHistory decode(InputStream in) throws IOException {
    SignatureHistory h = new SignatureHistory();
    long first = LONG.decode(in);
    int n = INT.decode(in);
    for (int i = 0; i < n; i++) {
      h.counts.put(LONG.decode(in), LONG.decode(in));
    }
    h.firstWindowStart = first == Long.MIN_VALUE ? null : first;
    return h;
  }

  @Override
  public void verifyDeterministic() {}
}
