package dev.loggardener.issues;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.cluster.ClusterRow;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * For clusters that need an issue ({@link IssueSelection}), writes a draft (KV of its relative path
 * under {@code issues/} and its markdown, always returned for the draft files) and, when a
 * repository is configured, hands it to {@link FileIssues}, a stage of its own after a reshuffle
 * that files each (signature, window) once with bounded, timer-driven retries. Drafting is pure and
 * fast, so the draft files and every other sink never wait for GitHub; filing is best effort: a
 * failure is counted and logged, never fails the pipeline.
 */
public final class DraftAndFileIssues
    extends PTransform<PCollection<ClusterRow>, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  private static final TupleTag<KV<String, String>> DRAFT_FILES =
      new TupleTag<KV<String, String>>() {};
  private static final TupleTag<KV<String, IssueDraft>> TO_FILE =
      new TupleTag<KV<String, IssueDraft>>() {};

  private final IssueFilingConfig config;
  private final transient PCollection<ClusterRow> earlier;

  private DraftAndFileIssues(IssueFilingConfig config, PCollection<ClusterRow> earlier) {
    this.config = config;
    this.earlier = earlier;
  }

  public static DraftAndFileIssues with(IssueFilingConfig config) {
    return new DraftAndFileIssues(config, null);
  }

  /**
   * Drafts nothing for a (service, cluster, window) that {@code earlier} (the rows earlier runs
   * wrote, as the history is seeded with them) already holds: a drained job drafted it when the
   * window closed early, and its relaunch, counting the rest of that hour, would draft it again.
   */
  public DraftAndFileIssues skippingWindowsOf(PCollection<ClusterRow> earlier) {
    return new DraftAndFileIssues(config, earlier);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<ClusterRow> rows) {
    PCollectionView<Map<String, Iterable<Long>>> seen = null;
    if (earlier != null) {
      seen =
          earlier
              .apply("KeyEarlierWindows", ParDo.of(new KeyWindowFn()))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
              .apply("IntoGlobalWindow", Window.<KV<String, Long>>into(new GlobalWindows()))
              .apply("EarlierWindows", View.asMultimap());
    }
    ParDo.MultiOutput<ClusterRow, KV<String, String>> draft =
        ParDo.of(new DraftFn(config.files(), seen))
            .withOutputTags(DRAFT_FILES, TupleTagList.of(TO_FILE));
    PCollectionTuple drafted =
        rows.apply("Draft", seen == null ? draft : draft.withSideInputs(seen));
    drafted
        .get(TO_FILE)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(IssueDraft.class)));
    if (config.files()) {
      drafted.get(TO_FILE).apply("FileIssues", FileIssues.with(config));
    }
    return drafted
        .get(DRAFT_FILES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  static String windowKey(ClusterRow r) {
    return r.service() + '\u0000' + r.clusterId() + '\u0000' + r.windowStart().toEpochMilli();
  }

  static final class KeyWindowFn extends DoFn<ClusterRow, KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element ClusterRow r, OutputReceiver<KV<String, Long>> out) {
      out.output(KV.of(windowKey(r), r.count()));
    }
  }

  static final class DraftFn extends DoFn<ClusterRow, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    private final boolean files;
    private final PCollectionView<Map<String, Iterable<Long>>> seen;
    private final IssueDrafter drafter = new IssueDrafter();
    private final Counter drafts = GardenerCounters.counter(GardenerCounters.ISSUE_DRAFTS);
    private final Counter draftedBefore =
        GardenerCounters.counter("issue_drafts_of_an_earlier_run");

    DraftFn(boolean files, PCollectionView<Map<String, Iterable<Long>>> seen) {
      this.files = files;
      this.seen = seen;
    }

    @ProcessElement
    public void process(@Element ClusterRow row, MultiOutputReceiver out, ProcessContext c) {
      if (!IssueSelection.needsIssue(row)) {
        return;
      }
      if (seen != null && c.sideInput(seen).containsKey(windowKey(row))) {
        draftedBefore.inc();
        return;
      }
      IssueDraft draft = drafter.draft(row);
      drafts.inc();
      out.get(DRAFT_FILES).output(KV.of(draft.path, "# " + draft.title + "\n\n" + draft.body));
      if (files) {
        // keyed by signature: FileIssues files one signature's drafts one at a time
        out.get(TO_FILE).output(KV.of(draft.signatureMarker, draft));
      }
    }
  }
}
