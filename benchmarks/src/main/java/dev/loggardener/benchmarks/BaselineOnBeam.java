package dev.loggardener.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The work of the Python baseline ({@code scripts/bench-baseline.py}) as the smallest Beam pipeline
 * that does it: read the export's lines, parse each with Jackson, keep warnings and above, mask the
 * message's digits, count per (service, masked message), write the counts. No windows,
 * deduplication, signatures, redaction or reports. {@code scripts/bench.sh} runs it on the runner
 * and JVM flags of {@code gardener run} (row {@code beam-floor}): what it costs is a floor under
 * any Beam pipeline over the same export on that runner, which tells how much of Log Gardener's
 * cost is its own work and how much is the runner's. Not part of any product jar.
 *
 * <pre>
 * java -cp flink/target/log-gardener-flink-bundled.jar:benchmarks/target/classes \
 *   dev.loggardener.benchmarks.BaselineOnBeam --runner=FlinkRunner \
 *   --input=EXPORT --output=DIR/counts
 * </pre>
 */
public final class BaselineOnBeam {
  private BaselineOnBeam() {}

  /** Options of the floor pipeline; every runner option works too. */
  public interface Options extends PipelineOptions {
    @Description("NDJSON export to read (a file or a glob).")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Description("Prefix of the count files written.")
    @Default.String("baseline-on-beam/counts")
    String getOutput();

    void setOutput(String value);
  }

  public static void main(String[] args) {
    PipelineOptionsFactory.register(Options.class);
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("Read", TextIO.read().from(options.getInput()))
        .apply("CountTemplates", new CountTemplates())
        .apply(
            "Format",
            MapElements.into(TypeDescriptors.strings())
                .via((KV<String, Long> kv) -> kv.getValue() + "\t" + kv.getKey()))
        .apply("Write", TextIO.write().to(options.getOutput()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    // Entries read and kept, as the Python baseline prints them.
    for (MetricResult<Long> counter : result.metrics().allMetrics().getCounters()) {
      System.out.println(counter.getName().getName() + " " + counter.getAttempted());
    }
  }

  /** Lines of an export in, a count per "service TAB masked message" out: the baseline's work. */
  static final class CountTemplates
      extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
    @Override
    public PCollection<KV<String, Long>> expand(PCollection<String> lines) {
      return lines
          .apply("ParseFilterMask", ParDo.of(new ParseFilterMaskFn()))
          .apply("Count", Count.perElement());
    }
  }

  /** One line in, "service TAB masked message" out for warnings and above, as the baseline. */
  static final class ParseFilterMaskFn extends DoFn<String, String> {
    private static final Map<String, Integer> RANK =
        Map.of(
            "DEFAULT",
            0,
            "DEBUG",
            100,
            "INFO",
            200,
            "NOTICE",
            300,
            "WARNING",
            400,
            "ERROR",
            500,
            "CRITICAL",
            600,
            "ALERT",
            700,
            "EMERGENCY",
            800);
    // Python's \d on str matches every Unicode decimal digit.
    private static final Pattern DIGITS = Pattern.compile("\\d+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Counter entries = Metrics.counter(ParseFilterMaskFn.class, "entries");
    private final Counter kept = Metrics.counter(ParseFilterMaskFn.class, "kept");

    @ProcessElement
    public void process(@Element String line, OutputReceiver<String> out) {
      entries.inc();
      JsonNode e;
      try {
        e = JSON.readTree(line);
      } catch (java.io.IOException ex) {
        return;
      }
      if (e == null || !e.isObject()) {
        return;
      }
      if (RANK.getOrDefault(e.path("severity").asText("DEFAULT"), 0) < 400) {
        return;
      }
      kept.inc();
      JsonNode message = e.path("jsonPayload").path("message");
      String text =
          message.isMissingNode() || message.isNull()
              ? e.path("textPayload").asText("")
              : message.asText();
      String service = e.path("resource").path("labels").path("service_name").asText("");
      out.output(service + "\t" + DIGITS.matcher(text).replaceAll("<*>"));
    }
  }
}
