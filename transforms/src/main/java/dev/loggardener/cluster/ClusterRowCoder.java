package dev.loggardener.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Encodes a {@link ClusterRow} as its JSON-lines form. Rows are few (one per cluster per pane), so
 * reusing the one serialization the sinks already need beats a second binary format.
 */
public final class ClusterRowCoder extends AtomicCoder<ClusterRow> {
  private static final ClusterRowCoder INSTANCE = new ClusterRowCoder();

  public static ClusterRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ClusterRow value, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(ClusterRowJson.toJson(value), out);
  }

  @Override
  public ClusterRow decode(InputStream in) throws IOException {
    return ClusterRowJson.fromJson(StringUtf8Coder.of().decode(in));
  }
}
