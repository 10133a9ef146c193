package dev.loggardener.report;

import dev.loggardener.cluster.ClusterRow;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link BuildReports} reads, one typed collection each, so a caller hands over the two
 * collections by name instead of under tuple tags: the cluster rows of every pane and the entries
 * read per service, windowed alike.
 */
public final class BuildReportsInput implements PInput {
  private final PCollection<ClusterRow> rows;
  private final PCollection<KV<String, Long>> entriesRead;

  private BuildReportsInput(
      PCollection<ClusterRow> rows, PCollection<KV<String, Long>> entriesRead) {
    this.rows = rows;
    this.entriesRead = entriesRead;
  }

  /** {@code rows} and {@code entriesRead} (service, entries) of one pipeline. */
  public static BuildReportsInput of(
      PCollection<ClusterRow> rows, PCollection<KV<String, Long>> entriesRead) {
    if (rows.getPipeline() != entriesRead.getPipeline()) {
      throw new IllegalArgumentException("rows and entriesRead belong to different pipelines");
    }
    return new BuildReportsInput(rows, entriesRead);
  }

  /** The cluster rows of every pane. */
  public PCollection<ClusterRow> rows() {
    return rows;
  }

  /** Entries read per service, windowed as the rows are. */
  public PCollection<KV<String, Long>> entriesRead() {
    return entriesRead;
  }

  /** Applies {@code transform} (a {@link BuildReports}) to this input under {@code name}. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<BuildReportsInput, OutputT> transform) {
    return Pipeline.applyTransform(name, this, transform);
  }

  @Override
  public Pipeline getPipeline() {
    return rows.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> in = new LinkedHashMap<>();
    in.put(new TupleTag<ClusterRow>("rows"), rows);
    in.put(new TupleTag<KV<String, Long>>("entriesRead"), entriesRead);
    return in;
  }
}
