package dev.loggardener.benchmarks;

import dev.loggardener.signature.Signature;
import dev.loggardener.signature.Signer;
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
 * Throughput of {@link Signer#sign} on one thread, over the 16,000 Loghub-2k messages of the 8
 * systems in {@code ../shared/bench/loghub-2k} (see {@link LoghubMessages}), falling back to a
 * built-in mix of Cloud Run messages when that directory is absent. One operation signs one
 * message, so ops/s is messages per second; {@code -prof gc} adds {@code gc.alloc.rate.norm}, the
 * bytes allocated per message. Run from the repository root: {@code java -jar
 * benchmarks/target/benchmarks.jar SignerBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignerBenchmark {
  /** Used when the Loghub CSVs are not there, so the benchmark always runs. */
  static final String[] FALLBACK = {
    "Container called exit(3).",
    "Memory limit of 512 MiB exceeded with 531 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits",
    "orders-api returned 503 for GET /v1/orders/ord_91mzq; retrying (attempt 2/3) in 400ms",
    "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010",
    "Middleware setup failure details: ModuleNotFoundError: No module named 'netra_backend.app.services.monitoring'",
    "session opened for user root by (uid=0)",
    "Stripe webhook signature mismatch for event evt_1PQx8b2eZvKYlo2C",
    "The request failed because either the HTTP response was malformed or connection to the instance had an error."
  };

  private Signer signer;
  private String[] messages;
  private int next;

  @Setup
  public void setup() {
    signer = new Signer();
    List<String> loghub = LoghubMessages.load();
    messages = loghub.isEmpty() ? FALLBACK : loghub.toArray(new String[0]);
    System.out.println(
        "\nSignerBenchmark: "
            + messages.length
            + (loghub.isEmpty()
                ? " built-in messages (Loghub-2k not found)"
                : " Loghub-2k messages"));
  }

  @Benchmark
  public Signature sign() {
    String m = messages[next];
    next = next + 1 == messages.length ? 0 : next + 1;
    return signer.sign(m);
  }
}
