package dev.loggardener.benchmarks;

import dev.loggardener.grouping.LearnedGroups;
import dev.loggardener.grouping.SignatureGrouper;
import dev.loggardener.signature.Signer;
import java.util.HashMap;
import java.util.List;
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
 * Cost of the learning stage, which runs once per (service, window) over distinct templates and so
 * is paid per template, not per entry. The templates are those of the 16,000 Loghub-2k messages of
 * all 8 systems taken as one service (the built-in mix when the benchmark data is absent). {@code
 * learn} learns from nothing; {@code relearn} learns again with what was learned as the prior, as
 * every later pane of a window does; {@code groupOf} looks one template up. Divide the average time
 * of an operation by the printed template count for the cost per template.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GroupingBenchmark {
  private Map<String, Long> weights;
  private LearnedGroups learned;
  private String[] templates;
  private int next;

  @Setup
  public void setup() {
    Signer signer = new Signer();
    List<String> loghub = LoghubMessages.load();
    String[] messages = loghub.isEmpty() ? SignerBenchmark.FALLBACK : loghub.toArray(new String[0]);
    weights = new HashMap<>();
    for (String m : messages) {
      weights.merge(signer.sign(m).template(), 1L, Long::sum);
    }
    learned = SignatureGrouper.learn(weights, LearnedGroups.empty());
    templates = weights.keySet().toArray(new String[0]);
    System.out.println(
        "\nGroupingBenchmark: "
            + templates.length
            + " distinct templates, "
            + learned.size()
            + " learned groups");
  }

  @Benchmark
  public LearnedGroups learn() {
    return SignatureGrouper.learn(weights, LearnedGroups.empty());
  }

  @Benchmark
  public LearnedGroups relearn() {
    return SignatureGrouper.learn(weights, learned);
  }

  @Benchmark
  public String groupOf() {
    String t = templates[next];
    next = next + 1 == templates.length ? 0 : next + 1;
    return learned.groupOf(t);
  }
}
