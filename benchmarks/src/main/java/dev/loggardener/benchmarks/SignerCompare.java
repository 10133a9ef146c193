package dev.loggardener.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Compares the signing speed of several builds in one JVM: each directory of compiled {@code
 * transforms} classes gets its own class loader, and rounds over all Loghub-2k messages alternate
 * between them, so every build sees the same machine load. Reports the best round of each by thread
 * CPU time. On a shared machine this is the figure to trust for "did this change pay": separate
 * runs minutes apart differ by more than most single changes gain. Calls go through reflection,
 * which adds the same few nanoseconds to every build.
 *
 * <pre>
 * git worktree add /tmp/old REV &amp;&amp; (cd /tmp/old &amp;&amp; mvn -B -o -q -pl transforms -am compile)
 * java -cp benchmarks/target/benchmarks.jar dev.loggardener.benchmarks.SignerCompare 60 \
 *     /tmp/old/transforms/target/classes transforms/target/classes
 * </pre>
 */
public final class SignerCompare {
  private SignerCompare() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    List<String> loghub = LoghubMessages.load();
    String[] messages = loghub.isEmpty() ? SignerBenchmark.FALLBACK : loghub.toArray(new String[0]);
    List<Function<String, Object>> signers = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      signers.add(signerFrom(args[i]));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int r = 0; r < 25; r++) {
      for (Function<String, Object> s : signers) {
        sink += round(s, messages);
      }
    }
    long[] best = new long[signers.size()];
    Arrays.fill(best, Long.MAX_VALUE);
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < signers.size(); i++) {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += round(signers.get(i), messages);
        best[i] = Math.min(best[i], threads.getCurrentThreadCpuTime() - t0);
      }
    }
    for (int i = 0; i < best.length; i++) {
      System.out.printf(
          "%-50s %9.0f msg/s %6.0f ns/msg%n",
          args[i + 1], messages.length * 1e9 / best[i], (double) best[i] / messages.length);
    }
    System.out.println("(sink " + (sink & 1) + ")");
  }

  /** {@code new Signer()::sign} of the classes in {@code dir}, loaded apart from all others. */
  private static Function<String, Object> signerFrom(String dir) throws Exception {
    URL url = Paths.get(dir).toUri().toURL();
    ClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader());
    Class<?> signerClass = loader.loadClass("dev.loggardener.signature.Signer");
    Object signer = signerClass.getConstructor().newInstance();
    java.lang.reflect.Method sign = signerClass.getMethod("sign", String.class);
    return m -> {
      try {
        return sign.invoke(signer, m);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static long round(Function<String, Object> signer, String[] messages) {
    long sink = 0;
    for (String m : messages) {
      sink += System.identityHashCode(signer.apply(m));
    }
    return sink;
  }
}
