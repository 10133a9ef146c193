package dev.loggardener.cluster;

import dev.loggardener.model.Severity;
import dev.loggardener.priority.ClusterFacts;
import dev.loggardener.priority.Priority;
import dev.loggardener.priority.PriorityClassifier;
import dev.loggardener.priority.PriorityPolicy;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Sets each row's priority and reason from the policy once every fact a rule may test is known, the
 * status against history included; aggregation can only give a provisional priority because history
 * comes after it. Rows are few (one per cluster and pane), so classifying twice is cheap.
 */
public final class PrioritizeClusters
    extends PTransform<PCollection<ClusterRow>, PCollection<ClusterRow>> {
  private static final long serialVersionUID = 1L;

  private final PriorityPolicy policy;

  private PrioritizeClusters(PriorityPolicy policy) {
    this.policy = policy;
  }

  public static PrioritizeClusters with(PriorityPolicy policy) {
    return new PrioritizeClusters(policy);
  }

  /** The row with the priority the policy gives its facts. */
  public static ClusterRow prioritize(ClusterRow r, PriorityClassifier classifier) {
    Severity severity = Severity.parseLenient(r.severity());
    Priority p =
        classifier.classify(
            ClusterFacts.of(
                severity,
                r.signature(),
                r.sampleMessage(),
                r.service(),
                r.count(),
                r.status().value()));
    return r.toBuilder().priority(p.level()).priorityReason(p.reason()).build();
  }

  @Override
  public PCollection<ClusterRow> expand(PCollection<ClusterRow> rows) {
    return rows.apply("Prioritize", ParDo.of(new PrioritizeFn(policy)))
        .setCoder(ClusterRowCoder.of());
  }

  static final class PrioritizeFn extends DoFn<ClusterRow, ClusterRow> {
    private static final long serialVersionUID = 1L;

    private final PriorityClassifier classifier;

    PrioritizeFn(PriorityPolicy policy) {
      this.classifier = new PriorityClassifier(policy);
    }

    @ProcessElement
    public void process(@Element ClusterRow row, OutputReceiver<ClusterRow> out) {
      out.output(prioritize(row, classifier));
    }
  }
}
