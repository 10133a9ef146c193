package dev.loggardener.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link RowContribution}: its five fields in declaration order. */
public final class RowContributionCoder extends AtomicCoder<RowContribution> {
  private static final RowContributionCoder INSTANCE = new RowContributionCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();

  public static RowContributionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RowContribution c, OutputStream out) throws IOException {
    LONG.encode(c.paneIndex, out);
    LONG.encode(c.count, out);
    STRING.encode(c.priority, out);
    BOOL.encode(c.symptom, out);
    BOOL.encode(c.inCascade, out);
    LONG.encode(c.emitSeq, out);
  }

  @Override
  public RowContribution decode(InputStream in) throws IOException {
    return new RowContribution(
        LONG.decode(in),
        LONG.decode(in),
        STRING.decode(in),
        BOOL.decode(in),
        BOOL.decode(in),
        LONG.decode(in));
  }
}
