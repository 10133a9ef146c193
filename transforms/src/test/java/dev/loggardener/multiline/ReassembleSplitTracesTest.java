package dev.loggardener.multiline;

import static dev.loggardener.multiline.TraceLinesFixtures.PYTHON;
import static dev.loggardener.multiline.TraceLinesFixtures.T0;
import static dev.loggardener.multiline.TraceLinesFixtures.line;
import static dev.loggardener.multiline.TraceLinesFixtures.lines;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.loggardener.beam.GardenerCounters;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Split stderr tracebacks become one entry whatever the arrival order, per instance, cut by the
 * gap, flushed by the timer when truncated and by the caps when too long; other entries pass
 * through unchanged. Outputs are described as {@code "<event-time offset ms> <insertId> <lines>"}.
 */
public class ReassembleSplitTracesTest {
  @Rule
  public final transient TestPipeline p =
      TestPipeline.create().enableAbandonedNodeEnforcement(true);

  {
    p.getOptions().setStableUniqueNames(CheckEnabled.ERROR);
  }

  private static final Instant START = new Instant(T0.toEpochMilli());

  private static TimestampedValue<LogEntry> at(LogEntry e) {
    return TimestampedValue.of(e, new Instant(e.timestamp().toEpochMilli()));
  }

  private static TestStream.Builder<LogEntry> stream() {
    return TestStream.create(SerializableCoder.of(LogEntry.class))
        .advanceWatermarkTo(START.minus(Duration.standardMinutes(1)));
  }

  private static TestStream.Builder<LogEntry> add(
      TestStream.Builder<LogEntry> s, List<LogEntry> entries) {
    List<TimestampedValue<LogEntry>> values = new ArrayList<>();
    entries.forEach(e -> values.add(at(e)));
    if (values.isEmpty()) {
      return s;
    }
    @SuppressWarnings("unchecked")
    TimestampedValue<LogEntry>[] rest =
        values.subList(1, values.size()).toArray(new TimestampedValue[0]);
    return s.addElements(values.get(0), rest);
  }

  private PCollection<String> reassemble(TestStream<LogEntry> s, TraceLimits limits) {
    return p.apply("Lines", s)
        .apply("Reassemble", ReassembleSplitTraces.within(limits))
        .apply("Describe", ParDo.of(new Describe()));
  }

  static final class Describe extends DoFn<LogEntry, String> {
    @ProcessElement
    public void process(@Element LogEntry e, @Timestamp Instant t, OutputReceiver<String> out) {
      out.output(
          (t.getMillis() - START.getMillis())
              + " "
              + e.insertId()
              + " "
              + e.message().split("\n", -1).length);
    }
  }

  private static long counter(PipelineResult r, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        r.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(GardenerCounters.NAMESPACE, name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  public void linesInOrderBecomeOneEntryWithTheFirstLinesTimeAndInsertId() {
    TestStream<LogEntry> s = add(stream(), lines("i1", 0, 94, PYTHON)).advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.defaults())).containsInAnyOrder("0 i1-0000 6");
    PipelineResult r = p.run();
    r.waitUntilFinish();
    assertThat(counter(r, GardenerCounters.ENTRIES_MERGED_INTO_TRACES), is(5L));
    assertThat(counter(r, GardenerCounters.TRACES_REASSEMBLED), is(1L));
  }

  @Test
  public void linesOutOfOrderAndRedeliveredGiveTheSameEntry() {
    List<LogEntry> shuffled = new ArrayList<>(lines("i1", 0, 94, PYTHON));
    shuffled.add(shuffled.get(2)); // a repeated delivery of one line
    Collections.shuffle(shuffled, new Random(7));
    TestStream<LogEntry> s =
        add(add(stream(), shuffled.subList(0, 3)), shuffled.subList(3, shuffled.size()))
            .advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.defaults())).containsInAnyOrder("0 i1-0000 6");
    PipelineResult r = p.run();
    r.waitUntilFinish();
    assertThat(counter(r, GardenerCounters.ENTRIES_DUPLICATE), is(1L));
  }

  @Test
  public void interleavedInstancesAreReassembledSeparately() {
    List<LogEntry> a = lines("i1", 0, 100, PYTHON);
    List<LogEntry> b = lines("i2", 30, 100, PYTHON);
    List<LogEntry> mixed = new ArrayList<>();
    for (int i = 0; i < PYTHON.size(); i++) {
      mixed.add(a.get(i));
      mixed.add(b.get(i));
    }
    TestStream<LogEntry> s = add(stream(), mixed).advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.defaults()))
        .containsInAnyOrder("0 i1-0000 6", "0 i2-0000 6");
    p.run().waitUntilFinish();
  }

  @Test
  public void aGapLongerThanTheLimitCutsTheTraceAndTheTimerFlushesTheFirstPart() {
    List<LogEntry> first = lines("i1", 0, 100, PYTHON.subList(0, 3));
    List<LogEntry> rest = lines("i1", 3_000_000, 100, PYTHON.subList(3, 6));
    TestStream<LogEntry> s =
        add(add(stream(), first).advanceWatermarkTo(START.plus(Duration.millis(2_500))), rest)
            .advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.defaults()))
        .containsInAnyOrder("0 i1-0000 3", "3000 i1-3000 1", "3000 i1-3001 1", "3000 i1-3002 1");
    p.run().waitUntilFinish();
  }

  @Test
  public void truncatedTracebackIsFlushedByTheTimerWhileOtherLogsPassThrough() {
    LogEntry exit =
        LogEntry.builder()
            .timestamp(T0.plusMillis(200))
            .severity(Severity.WARNING)
            .insertId("exit")
            .logName("projects/acme-prod/logs/run.googleapis.com%2Fvarlog%2Fsystem")
            .logId("run.googleapis.com/varlog/system")
            .service("orders-api")
            .instanceId("i1")
            .message("Container called exit(1).")
            .messageField("textPayload")
            .build();
    List<LogEntry> cut = new ArrayList<>(lines("i1", 0, 100, PYTHON.subList(0, 3)));
    cut.add(exit);
    TestStream<LogEntry> s =
        add(stream(), cut)
            .advanceWatermarkTo(START.plus(Duration.standardSeconds(5)))
            .advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.defaults()))
        .containsInAnyOrder("0 i1-0000 3", "200 exit 1");
    p.run().waitUntilFinish();
  }

  @Test
  public void aFullBufferIsFlushedAtTheCap() {
    TestStream<LogEntry> s =
        add(stream(), lines("i1", 0, 100, PYTHON)).advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.of(1_000, 4, 65_536)))
        .containsInAnyOrder("0 i1-0000 4", "0 i1-0004 1", "0 i1-0005 1");
    PipelineResult r = p.run();
    r.waitUntilFinish();
    assertThat(counter(r, GardenerCounters.TRACE_BUFFERS_FLUSHED_AT_CAP), is(1L));
  }

  @Test
  public void plainLinesAndStructuredEntriesPassThroughUnchanged() {
    LogEntry listening = line("i1", 50, 50_000, "Listening at: http://0.0.0.0:8080 (1)");
    LogEntry structured =
        LogEntry.builder()
            .timestamp(T0)
            .severity(Severity.ERROR)
            .insertId("json")
            .logName(TraceLinesFixtures.STDERR)
            .logId("run.googleapis.com/stderr")
            .service("orders-api")
            .message(String.join("\n", PYTHON))
            .messageField("jsonPayload.message")
            .build();
    TestStream<LogEntry> s =
        add(stream(), List.of(listening, structured)).advanceWatermarkToInfinity();
    PAssert.that(reassemble(s, TraceLimits.defaults()))
        .containsInAnyOrder("50 i1-0050 1", "0 json 6");
    p.run().waitUntilFinish();
  }
}
