package dev.loggardener.cluster;

import dev.loggardener.signature.XxHash64;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import dev.loggardener.beam.GardenerCounters;

/**
 * Lets a cluster's row through only when it differs from the last one emitted for the same
 * (window, service, cluster), and numbers what it lets through: {@code emit_seq} 1, 2, and so on.
 * Panes accumulate, so upstream stages re-derive every row of a service or window
 * at each firing; without this, sinks, history and issue filing received every row again at every
 * firing, and copies that differed only in cascade fields tied in {@code clusters_latest}.
 *
 * <p>Input: rows keyed by (service, cluster), each with the firing of the stage that made it (its
 * version). A row older than the last one seen is dropped (shuffles do not keep order); a row is
 * "changed" when anything but the pane bookkeeping ({@code emitted_at}, {@code pane_index},
 * {@code pane_timing}) and the run stamp differs, so {@code is_final} turning true is a change.
 * State is three numbers per (window, service, cluster), freed when the window expires.
 */
public final class EmitChangedRows
    extends PTransform<PCollection<KV<String, KV<Long, ClusterRow>>>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  public static EmitChangedRows create() {
    return new EmitChangedRows();
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<KV<String, KV<Long, ClusterRow>>> rows) {
    return rows.apply("EmitIfChanged", ParDo.of(new EmitFn())).setCoder(ClusterRowCoder.of());
  }

  /** A 64-bit fingerprint of what a reader of the row sees, bookkeeping left out. */
  static long fingerprint(ClusterRow r) {
    byte[] json =
        ClusterRowJson.toJson(
                r.toBuilder()
                    .emittedAt(null)
                    .paneIndex(0)
                    .paneTiming(PaneTiming.UNSET)
                    .emitSeq(0)
                    .runId("")
                    .runKind(RunKind.UNSET)
                    .build())
            .getBytes(StandardCharsets.UTF_8);
    return XxHash64.hash(json, json.length, 0L);
  }

  static final class EmitFn extends DoFn<KV<String, KV<Long, ClusterRow>>, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final Counter unchanged = GardenerCounters.counter("cluster_rows_unchanged");
    private final Counter emitted = GardenerCounters.counter(GardenerCounters.CLUSTER_ROWS);

    @StateId("version")
    private final StateSpec<ValueState<Long>> versionSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("fingerprint")
    private final StateSpec<ValueState<Long>> fingerprintSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("seq")
    private final StateSpec<ValueState<Long>> seqSpec = StateSpecs.value(VarLongCoder.of());

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, ClusterRow>> element,
        @StateId("version") ValueState<Long> versionState,
        @StateId("fingerprint") ValueState<Long> fingerprintState,
        @StateId("seq") ValueState<Long> seqState,
        OutputReceiver<ClusterRow> out) {
      long version = element.getValue().getKey();
      ClusterRow row = element.getValue().getValue();
      Long seen = versionState.read();
      if (seen != null && version < seen) {
        unchanged.inc(); // an older firing overtaken by a newer one: not news
        return;
      }
      versionState.write(version);
      long fp = fingerprint(row);
      Long last = fingerprintState.read();
      if (last != null && last == fp) {
        unchanged.inc();
        return;
      }
      Long seq = seqState.read();
      long next = (seq == null ? 0L : seq) + 1;
      fingerprintState.write(fp);
      seqState.write(next);
      emitted.inc();
      out.output(row.toBuilder().emitSeq(next).build());
    }
  }
}
