package dev.loggardener.benchmarks;

import dev.loggardener.signature.Signature;
import dev.loggardener.signature.Signer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * Messages per second of {@link Signer#sign} measured by the CPU time of the signing thread, best
 * of N rounds over all Loghub-2k messages (see {@link LoghubMessages}). On a shared machine
 * wall-clock JMH figures swing with the load of other processes; thread CPU time counts only the
 * cycles this thread got, so the best round is a stable estimate of single-core speed. Bytes per
 * message come from the thread's allocation counter. Run from the repository root:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.loggardener.benchmarks.SignerCpuTime [rounds] [--dump FILE]
 * </pre>
 *
 * {@code --dump FILE} also writes {@code id<TAB>template} for every message, so that two builds can
 * be compared line by line.
 */
public final class SignerCpuTime {
  private SignerCpuTime() {}

  public static void main(String[] args) throws IOException {
    int rounds = 40;
    String dump = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--dump")) {
        dump = args[++i];
      } else {
        rounds = Integer.parseInt(args[i]);
      }
    }
    List<String> loghub = LoghubMessages.load();
    String[] messages = loghub.isEmpty() ? SignerBenchmark.FALLBACK : loghub.toArray(new String[0]);
    Signer signer = new Signer();
    if (dump != null) {
      try (PrintWriter out =
          new PrintWriter(Files.newBufferedWriter(Paths.get(dump), StandardCharsets.UTF_8))) {
        for (String m : messages) {
          Signature s = signer.sign(m);
          out.println(s.id() + "\t" + s.template());
        }
      }
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    // warm-up: enough calls for C2 to compile the hot path
    for (int r = 0; r < 30; r++) {
      sink += round(signer, messages);
    }
    long best = Long.MAX_VALUE;
    long bestBytes = Long.MAX_VALUE;
    long[] times = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long bytes0 = threads.getCurrentThreadAllocatedBytes();
      long t0 = threads.getCurrentThreadCpuTime();
      sink += round(signer, messages);
      long t1 = threads.getCurrentThreadCpuTime();
      long bytes1 = threads.getCurrentThreadAllocatedBytes();
      times[r] = t1 - t0;
      best = Math.min(best, t1 - t0);
      bestBytes = Math.min(bestBytes, bytes1 - bytes0);
    }
    java.util.Arrays.sort(times);
    long median = times[rounds / 2];
    System.out.printf(
        "%d messages, best of %d rounds by thread CPU time: %.0f msg/s (%.0f ns/msg; median round %.0f msg/s), %.0f bytes/msg allocated (sink %d)%n",
        messages.length,
        rounds,
        messages.length * 1e9 / best,
        (double) best / messages.length,
        messages.length * 1e9 / median,
        (double) bestBytes / messages.length,
        sink & 1);
  }

  /**
   * One pass over all messages, in a method of its own: a loop inside {@code main} would run as
   * on-stack-replaced code, which C2 compiles less well than a method it can enter.
   */
  private static long round(Signer signer, String[] messages) {
    long sink = 0;
    for (String m : messages) {
      sink += signer.sign(m).id().hashCode();
    }
    return sink;
  }
}
