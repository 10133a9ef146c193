package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Turns the cluster rows of accumulating panes into report inputs keyed by service, each row paired
 * with what the previous row of its cluster contributed, and drops rows older than one already
 * passed on. The report combine accumulates across panes too, so without this a cluster re-emitted
 * by every pane would be counted once per pane; with it, the combine adds the new row and takes
 * back the old one, and its totals stay those of the latest rows. State is one small {@link
 * RowContribution} per (service, signature, window), freed when the window expires. A file run has
 * one pane, so every row passes with nothing to replace.
 */
public final class SupersedeOlderRows
    extends PTransform<PCollection<ClusterRow>, PCollection<KV<String, ReportInput>>> {
  private static final long serialVersionUID = 1L;

  public static SupersedeOlderRows create() {
    return new SupersedeOlderRows();
  }

  @Override
  public PCollection<KV<String, ReportInput>> expand(PCollection<ClusterRow> rows) {
    return rows.apply("KeyBySignature", ParDo.of(new KeyFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ClusterRowCoder.of()))
        .apply("PairWithReplacedRow", ParDo.of(new SupersedeFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ReportInputCoder.of()));
  }

  static final class KeyFn extends DoFn<ClusterRow, KV<String, ClusterRow>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element ClusterRow r, OutputReceiver<KV<String, ClusterRow>> out) {
      out.output(KV.of(r.service() + '\u0000' + r.clusterId(), r));
    }
  }

  static final class SupersedeFn extends DoFn<KV<String, ClusterRow>, KV<String, ReportInput>> {
    private static final long serialVersionUID = 1L;

    @StateId("latest")
    private final StateSpec<ValueState<RowContribution>> latestSpec =
        StateSpecs.value(RowContributionCoder.of());

    @ProcessElement
    public void process(
        @Element KV<String, ClusterRow> element,
        @StateId("latest") ValueState<RowContribution> latest,
        OutputReceiver<KV<String, ReportInput>> out) {
      ClusterRow row = element.getValue();
      RowContribution previous = latest.read();
      if (previous != null && !previous.isReplacedBy(row)) {
        return; // an older or repeated row: the report already counts a newer one
      }
      latest.write(RowContribution.of(row));
      out.output(KV.of(row.service(), ReportInput.row(row, previous)));
    }
  }
}
