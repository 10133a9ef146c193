package dev.loggardener.grouping;

import dev.loggardener.cluster.ClusterStatsCoder;
import dev.loggardener.cluster.PaneTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link ServicePane}: fields in order, members in signature-id order. */
public final class ServicePaneCoder extends AtomicCoder<ServicePane> {
  private static final ServicePaneCoder INSTANCE = new ServicePaneCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BooleanCoder BOOL = BooleanCoder.of();
  private static final ListCoder<dev.loggardener.cluster.ClusterStats> MEMBERS =
      ListCoder.of(ClusterStatsCoder.of());

  public static ServicePaneCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ServicePane p, OutputStream out) throws IOException {
    STRING.encode(p.service, out);
    LONG.encode(p.windowStart.toEpochMilli(), out);
    LONG.encode(p.windowEnd.toEpochMilli(), out);
    LONG.encode(p.paneIndex, out);
    STRING.encode(p.paneTiming.value(), out);
    BOOL.encode(p.isFinal, out);
    MEMBERS.encode(p.members, out);
  }

  @Override
  public ServicePane decode(InputStream in) throws IOException {
    return new ServicePane(
        STRING.decode(in),
        Instant.ofEpochMilli(LONG.decode(in)),
        Instant.ofEpochMilli(LONG.decode(in)),
        LONG.decode(in),
        PaneTiming.parse(STRING.decode(in)),
        BOOL.decode(in),
        MEMBERS.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
