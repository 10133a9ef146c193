package dev.loggardener.cascade;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * What reaches a (window, service)'s cascade state: a changed row of one of its clusters, or an
 * analysis of the window for the service. Exactly one of the two is set. Immutable.
 */
final class CascadeInput implements Serializable {
  private static final long serialVersionUID = 1L;

  final ClusterRow row;
  final ServiceAnalysis analysis;

  private CascadeInput(ClusterRow row, ServiceAnalysis analysis) {
    this.row = row;
    this.analysis = analysis;
  }

  static CascadeInput of(ClusterRow row) {
    return new CascadeInput(row, null);
  }

  static CascadeInput of(ServiceAnalysis analysis) {
    return new CascadeInput(null, analysis);
  }

  /** Whether it is its window's last word: a final row, or the closing pane's analysis. */
  boolean closing() {
    return row != null ? row.isFinal() : analysis.closing();
  }

  /**
   * When its window expires: a row's window's last instant plus {@code lateness}; an analysis says
   * so itself ({@link ServiceAnalysis#closesAt}).
   */
  org.joda.time.Instant closesAt(org.joda.time.Duration lateness) {
    return row != null
        ? new org.joda.time.Instant(row.windowEnd().toEpochMilli() - 1).plus(lateness)
        : new org.joda.time.Instant(analysis.closesAt);
  }

  /** A tag, then the row or the analysis; deterministic. */
  static final class Coder extends CustomCoder<CascadeInput> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CascadeInput c, OutputStream out) throws IOException {
      BooleanCoder.of().encode(c.row != null, out);
      if (c.row != null) {
        ClusterRowCoder.of().encode(c.row, out);
      } else {
        ServiceAnalysis.Coder.of().encode(c.analysis, out);
      }
    }

    @Override
    public CascadeInput decode(InputStream in) throws IOException {
      return BooleanCoder.of().decode(in)
          ? CascadeInput.of(ClusterRowCoder.of().decode(in))
          : CascadeInput.of(ServiceAnalysis.Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
