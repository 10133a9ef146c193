package dev.loggardener.pipeline.io;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.ClusterRowJson;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.DeadLetterJson;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The file sinks under {@code --output}: cluster rows as JSON lines in {@code clusters/}, one
 * markdown file per (service, window, pane) in {@code reports/}, dead letters as JSON lines in
 * {@code deadletter/}. Written through Beam's FileIO, so the same code writes a local folder or a
 * {@code gs://} prefix, and windowed, so it works on streaming input too.
 */
public final class WriteLocalOutputs {
  private WriteLocalOutputs() {}

  /** Cluster rows, one JSON object per line, one file set per window and pane. */
  public static PTransform<PCollection<ClusterRow>, PDone> clusterRows(String output, int shards) {
    return new PTransform<PCollection<ClusterRow>, PDone>() {
      @Override
      public PDone expand(PCollection<ClusterRow> rows) {
        rows.apply("BatchPanesForFiles", BatchPanesForFiles.create())
            .apply(
                "ToJson", MapElements.into(TypeDescriptors.strings()).via(ClusterRowJson::toJson))
            .setCoder(StringUtf8Coder.of())
            .apply(
                "WriteFiles",
                FileIO.<String>write()
                    .via(TextIO.sink())
                    .to(join(output, "clusters"))
                    .withNaming(new WindowedFileNaming("clusters", ".jsonl"))
                    .withNumShards(Math.max(1, shards)));
        return PDone.in(rows.getPipeline());
      }
    };
  }

  /** Reports keyed by their relative path; each path becomes one file. */
  public static PTransform<PCollection<KV<String, String>>, PDone> reports(String output) {
    return reportsAt(join(output, "reports"));
  }

  /**
   * Reports keyed by their path relative to {@code prefix} (a folder or {@code gs://} prefix). The
   * key names the service, window and pane, so later panes never overwrite earlier ones.
   */
  public static PTransform<PCollection<KV<String, String>>, PDone> reportsAt(String prefix) {
    return new PTransform<PCollection<KV<String, String>>, PDone>() {
      @Override
      public PDone expand(PCollection<KV<String, String>> reports) {
        reports
            .apply("BatchPanesForFiles", BatchPanesForFiles.create())
            .apply(
                "WriteFiles",
                FileIO.<String, KV<String, String>>writeDynamic()
                    .by(KV::getKey)
                    .withDestinationCoder(StringUtf8Coder.of())
                    .via(Contextful.fn(KV::getValue), TextIO.sink())
                    .to(prefix)
                    .withNaming(path -> (window, pane, numShards, shardIndex, compression) -> path)
                    .withNumShards(1));
        return PDone.in(reports.getPipeline());
      }
    };
  }

  /** Issue drafts keyed by their relative path under {@code issues/}. */
  public static PTransform<PCollection<KV<String, String>>, PDone> issueDrafts(String output) {
    return reportsAt(join(output, "issues"));
  }

  /** Dead letters as JSON lines. Unbounded input is cut into ten-minute files. */
  public static PTransform<PCollection<DeadLetter>, PDone> deadLetters(String output) {
    return new PTransform<PCollection<DeadLetter>, PDone>() {
      @Override
      public PDone expand(PCollection<DeadLetter> deadLetters) {
        PCollection<String> json =
            deadLetters
                .apply(
                    "ToJson",
                    MapElements.into(TypeDescriptors.strings()).via(DeadLetterJson::toJson))
                .setCoder(StringUtf8Coder.of());
        if (json.isBounded() == PCollection.IsBounded.UNBOUNDED) {
          json = json.apply("Window", Window.into(FixedWindows.of(Duration.standardMinutes(10))));
        }
        json.apply(
            "WriteFiles",
            FileIO.<String>write()
                .via(TextIO.sink())
                .to(join(output, "deadletter"))
                .withNaming(new WindowedFileNaming("deadletter", ".jsonl"))
                .withNumShards(1));
        return PDone.in(deadLetters.getPipeline());
      }
    };
  }

  static String join(String dir, String child) {
    return dir.endsWith("/") ? dir + child : dir + "/" + child;
  }
}
