package dev.loggardener.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.ClusterStatsFn;
import dev.loggardener.filter.SeverityFilter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.parse.RawRecord;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import dev.loggardener.signature.SignEntries;
import dev.loggardener.signature.SignedEntry;
import dev.loggardener.signature.Signer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-entry work of the pipeline, one thread, on the benchmark mix (every entry a warning or
 * error, 10,000 tail signatures, one signature with half of them): {@link #parseSignCombine} parses
 * the LogEntry JSON, applies the severity filter, signs and redacts, and adds the entry to its
 * cluster's accumulator, as the combiner does before the shuffle; {@link #jacksonFloor} only parses
 * the same text into a Jackson tree, the least any JSON-reading pipeline must pay. Their ratio is
 * the cost of Log Gardener's own logic. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * EntryPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EntryPathBenchmark {
  private static final int ENTRIES = 8_192;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private String[] texts;
  private int next;
  private LogEntryParser parser;
  private SeverityFilter filter;
  private Signer signer;
  private ClusterStatsFn stats;
  private Map<String, ClusterStats> clusters;

  @Setup
  public void setup() {
    SyntheticLogEntries entries = SyntheticLogEntries.of(20250916L, 10_000, 1.0, 1_000);
    texts = new String[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      texts[i] = entries.json(i);
    }
    parser = new LogEntryParser();
    filter = new SeverityFilter(Severity.WARNING);
    signer = new Signer();
    stats = new ClusterStatsFn();
    clusters = new HashMap<>();
  }

  private String nextText() {
    String t = texts[next];
    next = (next + 1) & (ENTRIES - 1);
    return t;
  }

  @Benchmark
  public JsonNode jacksonFloor() throws IOException {
    return MAPPER.readTree(nextText());
  }

  @Benchmark
  public Object parseSignCombine() {
    ParseOutcome parsed = parser.parse(RawRecord.of("bench", next, nextText()));
    LogEntry e = parsed.entry();
    if (e == null || !filter.keep(e)) {
      return parsed;
    }
    SignedEntry signed = SignEntries.sign(signer, e);
    ClusterStats acc =
        clusters.computeIfAbsent(signed.clusterKey(), k -> stats.createAccumulator());
    // ClusterStats is mutable and addInput returns the same accumulator; keep whatever it returns.
    clusters.put(signed.clusterKey(), stats.addInput(acc, signed));
    return signed;
  }
}
