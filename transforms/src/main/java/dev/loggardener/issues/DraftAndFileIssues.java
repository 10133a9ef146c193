package dev.loggardener.issues;

import dev.loggardener.cluster.ClusterRow;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import dev.loggardener.beam.GardenerCounters;

/**
 * For clusters that need an issue ({@link IssueSelection}), writes a draft (KV of its relative
 * path under {@code issues/} and its markdown, always returned for the draft files) and, when a
 * repository is configured, hands it to {@link FileIssues}, a stage of its own after a reshuffle
 * that files each (signature, window) once with bounded, timer-driven retries. Drafting is pure and
 * fast, so the draft files and every other sink never wait for GitHub;
 * filing is best effort: a failure is counted and logged, never fails the pipeline.
 */
public final class DraftAndFileIssues
    extends PTransform<PCollection<ClusterRow>, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  private static final TupleTag<KV<String, String>> DRAFT_FILES = new TupleTag<KV<String, String>>() {};
  private static final TupleTag<KV<String, IssueDraft>> TO_FILE = new TupleTag<KV<String, IssueDraft>>() {};

  private final IssueFilingConfig config;

  private DraftAndFileIssues(IssueFilingConfig config) {
    this.config = config;
  }

  public static DraftAndFileIssues with(IssueFilingConfig config) {
    return new DraftAndFileIssues(config);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<ClusterRow> rows) {
    PCollectionTuple drafted =
        rows.apply(
            "Draft",
            ParDo.of(new DraftFn(config.files())).withOutputTags(DRAFT_FILES, TupleTagList.of(TO_FILE)));
    drafted.get(TO_FILE).setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(IssueDraft.class)));
    if (config.files()) {
      drafted.get(TO_FILE).apply("FileIssues", FileIssues.with(config));
    }
    return drafted.get(DRAFT_FILES).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  static final class DraftFn extends DoFn<ClusterRow, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    private final boolean files;
    private final IssueDrafter drafter = new IssueDrafter();
    private final Counter drafts = GardenerCounters.counter(GardenerCounters.ISSUE_DRAFTS);

    DraftFn(boolean files) {
      this.files = files;
    }

    @ProcessElement
    public void process(@Element ClusterRow row, MultiOutputReceiver out) {
      if (!IssueSelection.needsIssue(row)) {
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
