package dev.loggardener.signature;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a stack frame belongs to the application or to a runtime, framework or
 * third-party library. Stack-trace signatures are built from in-app frames because those identify
 * the code path a team can fix, while library frames mostly repeat across unrelated errors. The
 * defaults live here, in one place; pass other lists to the constructor to adapt the policy to a
 * code base (for example to treat an internal shared library as third-party).
 */
public final class InAppFramePolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Substrings of a frame's file path that mark it as not in-app. */
  public static final List<String> DEFAULT_PATH_MARKERS =
      List.of(
          "site-packages",
          "dist-packages",
          "/usr/lib/python",
          "/usr/local/lib/python",
          "<frozen ",
          "node_modules",
          "node:internal",
          "/usr/local/go/src/",
          "/usr/lib/go/",
          "/src/runtime/",
          "/go/pkg/mod/",
          "/gems/",
          "/lib/ruby/",
          "<internal:",
          "/_/src/libraries/",
          "/_/src/coreclr/");

  /** Prefixes of a frame's function (qualified name) that mark it as not in-app. */
  public static final List<String> DEFAULT_FUNCTION_PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "kotlin.",
          "kotlinx.",
          "org.springframework.",
          "org.apache.",
          "io.netty.",
          "com.google.",
          "runtime.",
          "System.",
          "Microsoft.",
          "lambda_method");

  private static final InAppFramePolicy DEFAULTS =
      new InAppFramePolicy(DEFAULT_PATH_MARKERS, DEFAULT_FUNCTION_PREFIXES);

  private final List<String> pathMarkers;
  private final List<String> functionPrefixes;

  public InAppFramePolicy(List<String> pathMarkers, List<String> functionPrefixes) {
    this.pathMarkers = List.copyOf(pathMarkers);
    this.functionPrefixes = List.copyOf(functionPrefixes);
  }

  /**
   * The built-in policy: runtimes and libraries of Python ({@code site-packages}), the JVM ({@code
   * java.}, {@code jdk.}, common frameworks), Go, Node.js ({@code node_modules}), .NET ({@code
   * System.}, {@code Microsoft.}) and Ruby (installed gems and the standard library).
   */
  public static InAppFramePolicy defaults() {
    return DEFAULTS;
  }

  /** True if a frame with this function and file (either may be empty) is application code. */
  public boolean isInApp(String function, String file) {
    if (file != null && !file.isEmpty()) {
      String f = file.replace('\\', '/').toLowerCase(Locale.ROOT);
      for (String marker : pathMarkers) {
        if (f.contains(marker)) {
          return false;
        }
      }
    }
    if (function != null) {
      for (String prefix : functionPrefixes) {
        if (function.startsWith(prefix)) {
          return false;
        }
      }
    }
    return true;
  }
}
