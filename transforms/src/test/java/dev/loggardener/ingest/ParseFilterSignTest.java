package dev.loggardener.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.filter.SeverityFilter;
import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.multiline.SplitTraceCandidates;
import dev.loggardener.parse.ExportRecordReader;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import dev.loggardener.signature.SignEntries;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.Signer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * The fused step gives what parse, filter and sign give one after another, record for record: the
 * same signed entries, the same dead letters, the split-trace lines set aside unfiltered and
 * unsigned, every parsed entry counted per service, and the counters of the separate stages.
 */
public class ParseFilterSignTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String STDERR =
      "{\"insertId\":\"%s\",\"logName\":\"projects/p/logs/run.googleapis.com%%2Fstderr\","
          + "\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":{\"service_name\":\"orders\"}},"
          + "\"labels\":{\"instanceId\":\"i1\"},\"textPayload\":\"%s\","
          + "\"timestamp\":\"2025-09-16T02:00:0%dZ\"}";

  /**
   * The bundled sample, a few split-trace lines, a stderr line no trace has, and broken records.
   */
  static List<RawRecord> records() throws Exception {
    List<RawRecord> out = new ArrayList<>();
    try (InputStream in =
            Files.newInputStream(Paths.get("..", "samples", "cloud-run-backend-hour.json"));
        ExportRecordReader r = ExportRecordReader.open(in, "sample.json")) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    String extra =
        String.format(STDERR, "t1", "Traceback (most recent call last):", 1)
            + "\n"
            + String.format(STDERR, "t2", "  File \\\"/app/x.py\\\", line 3, in f", 2)
            + "\n"
            + String.format(STDERR, "t3", "KeyError: 'order_id'", 3)
            + "\n"
            + String.format(
                STDERR,
                "b1",
                "[2025-09-16 02:00:04 +0000] [7] [INFO] Booting worker with pid: 7",
                4)
            + "\n"
            + String.format(STDERR, "e1", "ERROR payment failed for order 42, retrying", 5)
            + "\n"
            + "{\"timestamp\": \"2025-09-16T01:00:00Z\", \"textPayload\": \n"
            + "[1, 2]\n";
    try (ExportRecordReader r =
        ExportRecordReader.open(
            new ByteArrayInputStream(extra.getBytes(StandardCharsets.UTF_8)), "extra.ndjson")) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    return out;
  }

  /** What the separate stages make of the records, computed without a pipeline. */
  static final class Expected {
    final List<SignedEntry> signed = new ArrayList<>();
    final List<LogEntry> traceLines = new ArrayList<>();
    final List<String> deadLetterReasons = new ArrayList<>();
    final Map<String, Long> perService = new TreeMap<>();
    long filtered;

    Expected(List<RawRecord> records) {
      LogEntryParser parser = new LogEntryParser();
      SeverityFilter filter = new SeverityFilter(Severity.WARNING);
      Signer signer = new Signer();
      for (RawRecord r : records) {
        ParseOutcome o = parser.parse(r);
        if (!o.isOk()) {
          deadLetterReasons.add(o.reason());
          continue;
        }
        LogEntry e = o.entry();
        perService.merge(e.service(), 1L, Long::sum);
        if (SplitTraceCandidates.needsReassembly(e)) {
          traceLines.add(e);
        } else if (filter.keep(e)) {
          signed.add(SignEntries.sign(signer, e));
        } else {
          filtered++;
        }
      }
    }
  }

  @Test
  public void givesWhatParseFilterAndSignGiveOneAfterAnother() throws Exception {
    List<RawRecord> records = records();
    Expected expected = new Expected(records);
    assertThat(expected.signed.size(), greaterThan(100));
    assertThat(expected.traceLines, hasSize(3));
    assertThat(expected.deadLetterReasons, hasSize(2));

    EntryOutputs out =
        p.apply(Create.of(records).withCoder(RawRecordCoder.of()))
            .apply(ParseFilterSign.atLeast(Severity.WARNING, Duration.standardMinutes(60)));
    PAssert.that(out.signed()).containsInAnyOrder(expected.signed);
    PAssert.that(out.traceLines()).containsInAnyOrder(expected.traceLines);
    PAssert.that(
            out.deadLetters()
                .apply(
                    "Reasons",
                    org.apache.beam.sdk.transforms.MapElements.into(
                            org.apache.beam.sdk.values.TypeDescriptors.strings())
                        .via((DeadLetter d) -> d.reason + " " + !d.raw.isEmpty())))
        .containsInAnyOrder(
            expected.deadLetterReasons.stream().map(r -> r + " true").toArray(String[]::new));
    PCollection<KV<String, Long>> perService = out.entriesRead().apply("Sum", Sum.longsPerKey());
    List<KV<String, Long>> counts = new ArrayList<>();
    expected.perService.forEach((s, n) -> counts.add(KV.of(s, n)));
    PAssert.that(perService).containsInAnyOrder(counts);

    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, GardenerCounters.ENTRIES_READ), equalTo((long) records.size()));
    assertThat(counter(result, GardenerCounters.DEAD_LETTERED), equalTo(2L));
    assertThat(counter(result, GardenerCounters.ENTRIES_FILTERED), equalTo(expected.filtered));
    assertThat(
        counter(result, GardenerCounters.ENTRIES_PASSED_FILTER),
        equalTo((long) expected.signed.size()));
    // Every record read is signed, set aside for reassembly, filtered or dead-lettered.
    assertThat(
        (long) expected.signed.size() + expected.traceLines.size() + expected.filtered + 2,
        equalTo((long) records.size()));
  }

  static long counter(PipelineResult result, String name) {
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
