package dev.loggardener.benchmarks;

import dev.loggardener.pipeline.cli.SignatureCommand;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * {@code gardener signature} as the command line runs it, without the JVM start: {@link
 * SignatureCommand#run} over {@link #LINES} lines (the 16,000 Loghub-2k messages repeated, the
 * built-in mix when the benchmark data is absent), output discarded. {@code learn} is {@code
 * --learn} (sign, count per distinct template, learn, write: the run scripts/bench-drain3.sh times
 * against Drain3), {@code stateless} the signer alone. Divide by {@link #LINES} for the cost per
 * line; {@code learn} signs on every available core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class SignatureCommandBenchmark {
  static final int LINES = 100_000;

  private byte[] input;

  @Setup
  public void setup() {
    List<String> loghub = LoghubMessages.load();
    String[] messages = loghub.isEmpty() ? SignerBenchmark.FALLBACK : loghub.toArray(new String[0]);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < LINES; i++) {
      text.append(messages[i % messages.length].replace('\n', ' ').replace('\r', ' ')).append('\n');
    }
    input = text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The command closes its output, so every run gets a new one. */
  private static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  }

  @Benchmark
  public int learn() {
    return SignatureCommand.run(
        new String[] {"--learn"}, new ByteArrayInputStream(input), discard(), discard());
  }

  @Benchmark
  public int stateless() {
    return SignatureCommand.run(
        new String[0], new ByteArrayInputStream(input), discard(), discard());
  }
}
