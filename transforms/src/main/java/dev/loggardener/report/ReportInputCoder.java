package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRowCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Deterministic coder for {@link ReportInput}: a tag byte (0 entries read, 1 first row of a
 * cluster, 2 row replacing an older one), then the count or the row and what it replaces.
 */
public final class ReportInputCoder extends AtomicCoder<ReportInput> {
  private static final ReportInputCoder INSTANCE = new ReportInputCoder();

  public static ReportInputCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ReportInput v, OutputStream out) throws IOException {
    if (!v.isRow()) {
      out.write(0);
      VarLongCoder.of().encode(v.entriesRead, out);
      return;
    }
    out.write(v.replaces == null ? 1 : 2);
    ClusterRowCoder.of().encode(v.row, out);
    if (v.replaces != null) {
      RowContributionCoder.of().encode(v.replaces, out);
    }
  }

  @Override
  public ReportInput decode(InputStream in) throws IOException {
    int tag = in.read();
    switch (tag) {
      case 0:
        return ReportInput.entriesRead(VarLongCoder.of().decode(in));
      case 1:
        return ReportInput.row(ClusterRowCoder.of().decode(in), null);
      case 2:
        return ReportInput.row(
            ClusterRowCoder.of().decode(in), RowContributionCoder.of().decode(in));
      default:
        throw new CoderException("Unknown ReportInput tag " + tag);
    }
  }
}
