package dev.loggardener.pipeline.cli;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.io.LogEntryMessages;
import dev.loggardener.pipeline.io.ReadLogExport;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * {@code gardener publish --input=EXPORT --topic=projects/P/topics/T}: replays a log export into
 * Pub/Sub, one entry per message with the {@code logging.googleapis.com/timestamp} attribute set,
 * exactly as a Log Router sink would, so a streaming job can be tried on known data. A small Beam
 * pipeline on the DirectRunner: the export reader handles every export format, and PubsubIO
 * publishes with the user's application-default credentials. Entries without a usable timestamp are
 * skipped and counted: the streaming job could not read them.
 */
public final class PublishCommand {
  static final String PUBLISHED = "messages_published";
  static final String SKIPPED = "entries_skipped_no_timestamp";

  private PublishCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String input = null;
    String topic = null;
    java.util.List<String> beamArgs = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--input=")) {
        input = a.substring("--input=".length());
      } else if (a.startsWith("--topic=")) {
        topic = a.substring("--topic=".length());
      } else {
        beamArgs.add(a);
      }
    }
    if (input == null || topic == null || !topic.matches("projects/[^/]+/topics/[^/]+")) {
      err.println("usage: gardener publish --input=EXPORT --topic=projects/PROJECT/topics/TOPIC");
      return 2;
    }
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(beamArgs.toArray(new String[0])).create();
    options.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(options);
    p.apply("ReadLogExport", ReadLogExport.from(input))
        .apply("ToMessages", ParDo.of(new ToMessageFn()))
        .setCoder(PubsubMessageWithAttributesCoder.of())
        .apply("Publish", PubsubIO.writeMessages().to(topic));
    PipelineResult result = p.run();
    PipelineResult.State state = result.waitUntilFinish();
    out.printf(
        "published %d messages to %s; skipped %d entries without a usable timestamp%n",
        counter(result, PUBLISHED), topic, counter(result, SKIPPED));
    return state == PipelineResult.State.DONE ? 0 : 1;
  }

  static final class ToMessageFn extends DoFn<RawRecord, PubsubMessage> {
    private final Counter published = GardenerCounters.counter(PUBLISHED);
    private final Counter skipped = GardenerCounters.counter(SKIPPED);

    @ProcessElement
    public void process(@Element RawRecord record, OutputReceiver<PubsubMessage> out) {
      Optional<PubsubMessage> m = LogEntryMessages.toMessage(record);
      if (m.isPresent()) {
        published.inc();
        out.output(m.get());
      } else {
        skipped.inc();
      }
    }
  }

  private static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(GardenerCounters.NAMESPACE, name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
