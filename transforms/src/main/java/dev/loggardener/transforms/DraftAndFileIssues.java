package dev.loggardener.transforms;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.issues.GitHubIssueTracker;
import dev.loggardener.issues.IssueDraft;
import dev.loggardener.issues.IssueDrafter;
import dev.loggardener.issues.IssueFiler;
import dev.loggardener.issues.IssueFilingConfig;
import dev.loggardener.issues.IssueSelection;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For clusters that need an issue ({@link IssueSelection}), writes a draft (KV of its relative
 * path under {@code issues/} and its markdown) and, when a repository is configured, files it on
 * GitHub idempotently ({@link IssueFiler}). Filing is best effort: a failure is counted and
 * logged, never fails the pipeline; a retried bundle files nothing twice thanks to the markers.
 */
public final class DraftAndFileIssues
    extends PTransform<PCollection<ClusterRow>, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  private final IssueFilingConfig config;

  private DraftAndFileIssues(IssueFilingConfig config) {
    this.config = config;
  }

  public static DraftAndFileIssues with(IssueFilingConfig config) {
    return new DraftAndFileIssues(config);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<ClusterRow> rows) {
    return rows.apply("DraftAndFile", ParDo.of(new DraftFn(config)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  static final class DraftFn extends DoFn<ClusterRow, KV<String, String>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DraftAndFileIssues.class);

    private final IssueFilingConfig config;
    private final IssueDrafter drafter = new IssueDrafter();
    private final Counter drafts = GardenerCounters.counter(GardenerCounters.ISSUE_DRAFTS);
    private final Counter created = GardenerCounters.counter(GardenerCounters.ISSUES_CREATED);
    private final Counter commented = GardenerCounters.counter(GardenerCounters.ISSUES_COMMENTED);
    private final Counter already = GardenerCounters.counter(GardenerCounters.ISSUES_ALREADY_REPORTED);
    private final Counter failed = GardenerCounters.counter(GardenerCounters.ISSUES_FILING_FAILED);
    private transient IssueFiler filer;

    DraftFn(IssueFilingConfig config) {
      this.config = config;
    }

    @Setup
    public void setup() {
      if (config.files()) {
        String token;
        try {
          token = config.tokenSource.token();
        } catch (RuntimeException e) {
          // Filing is best effort: without a token every attempt fails and is counted.
          LOG.warn("Could not read the GitHub token: {}", e.toString());
          token = "";
        }
        filer = new IssueFiler(new GitHubIssueTracker(
            config.apiUrl, config.repo, token,
            config.maxAttempts, config.backoffMillis, config.minIntervalMillis));
      }
    }

    @ProcessElement
    public void process(@Element ClusterRow row, OutputReceiver<KV<String, String>> out) {
      if (!IssueSelection.needsIssue(row)) {
        return;
      }
      IssueDraft draft = drafter.draft(row);
      drafts.inc();
      out.output(KV.of(draft.path, "# " + draft.title + "\n\n" + draft.body));
      if (filer == null) {
        return;
      }
      try {
        switch (filer.file(draft)) {
          case CREATED:
            created.inc();
            break;
          case COMMENTED:
            commented.inc();
            break;
          default:
            already.inc();
        }
      } catch (Exception e) {
        failed.inc();
        LOG.warn("Could not file issue for {}/{}: {}", row.service, row.clusterId(), e.toString());
      }
    }
  }
}
