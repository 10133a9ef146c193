package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Deterministic coder for {@link WindowDigest}, the report combine's accumulator: caps, entries
 * read, resource type, the tally's counters, then the kept rows in rank order (a total order, so
 * equal digests encode to equal bytes whatever order their rows were added in). Its size is bounded
 * by the caps, not by the number of clusters in the window.
 */
public final class WindowDigestCoder extends AtomicCoder<WindowDigest> {
  private static final WindowDigestCoder INSTANCE = new WindowDigestCoder();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static WindowDigestCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(WindowDigest d, OutputStream out) throws IOException {
    LONG.encode(d.entriesRead(), out);
    StringUtf8Coder.of().encode(d.resourceType(), out);
    ClusterTally t = d.tally();
    for (long[] counters :
        new long[][] {t.clusters, t.entries, t.nonSymptomClusters, t.nonSymptomEntries}) {
      for (long c : counters) {
        LONG.encode(c, out);
      }
    }
    encodeRows(d.top(), out);
    encodeRows(d.cascade(), out);
  }

  @Override
  public WindowDigest decode(InputStream in) throws IOException {
    long entriesRead = LONG.decode(in);
    String resourceType = StringUtf8Coder.of().decode(in);
    ClusterTally t = new ClusterTally();
    for (long[] counters :
        new long[][] {t.clusters, t.entries, t.nonSymptomClusters, t.nonSymptomEntries}) {
      for (int k = 0; k < counters.length; k++) {
        counters[k] = LONG.decode(in);
      }
    }
    TopRows top = decodeRows(in);
    TopRows cascade = decodeRows(in);
    return new WindowDigest(top, cascade, t, entriesRead, resourceType);
  }

  private static void encodeRows(TopRows rows, OutputStream out) throws IOException {
    INT.encode(rows.cap(), out);
    List<ClusterRow> list = rows.rows();
    INT.encode(list.size(), out);
    for (ClusterRow r : list) {
      ClusterRowCoder.of().encode(r, out);
    }
  }

  private static TopRows decodeRows(InputStream in) throws IOException {
    TopRows rows = new TopRows(INT.decode(in));
    int n = INT.decode(in);
    for (int i = 0; i < n; i++) {
      rows.offer(ClusterRowCoder.of().decode(in));
    }
    return rows;
  }
}
