package dev.loggardener.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What one cross-service analysis of a window said about one cluster of a service: its cascade
 * fields, or (with an empty {@link #clusterId}) only that the analysis of that version happened and
 * which of the service's clusters it covered. Sent back to the service's shard, which joins it to
 * the service's rows. {@link #version} is the analysis firing: a shard uses the newest. {@link
 * #full} says the analysis held as many clusters as the cap allows, so a cluster missing from it
 * was left out for being small ("not analysed"), not because it arrived later.
 */
@DefaultCoder(CascadeAssignment.Coder.class)
public final class CascadeAssignment implements Serializable {
  private static final long serialVersionUID = 1L;

  public final long version;
  public final boolean full;
  public final String clusterId;
  public final String rootCauseSignatureId;
  public final String cascadeId;
  public final String cascadeParentSignatureId;
  public final String cascadeEvidence;

  CascadeAssignment(
      long version,
      boolean full,
      String clusterId,
      String rootCauseSignatureId,
      String cascadeId,
      String cascadeParentSignatureId,
      String cascadeEvidence) {
    this.version = version;
    this.full = full;
    this.clusterId = clusterId;
    this.rootCauseSignatureId = rootCauseSignatureId;
    this.cascadeId = cascadeId;
    this.cascadeParentSignatureId = cascadeParentSignatureId;
    this.cascadeEvidence = cascadeEvidence;
  }

  /**
   * The analysis of {@code version} happened; tells a service whose clusters all fell out of it.
   */
  static CascadeAssignment marker(long version, boolean full) {
    return new CascadeAssignment(version, full, "", "", "", "", "");
  }

  boolean isMarker() {
    return clusterId.isEmpty();
  }

  /** Field by field; deterministic. */
  public static final class Coder extends CustomCoder<CascadeAssignment> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CascadeAssignment a, OutputStream out) throws IOException {
      VarLongCoder.of().encode(a.version, out);
      BooleanCoder.of().encode(a.full, out);
      StringUtf8Coder s = StringUtf8Coder.of();
      s.encode(a.clusterId, out);
      s.encode(a.rootCauseSignatureId, out);
      s.encode(a.cascadeId, out);
      s.encode(a.cascadeParentSignatureId, out);
      s.encode(a.cascadeEvidence, out);
    }

    @Override
    public CascadeAssignment decode(InputStream in) throws IOException {
      StringUtf8Coder s = StringUtf8Coder.of();
      return new CascadeAssignment(
          VarLongCoder.of().decode(in),
          BooleanCoder.of().decode(in),
          s.decode(in),
          s.decode(in),
          s.decode(in),
          s.decode(in),
          s.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
