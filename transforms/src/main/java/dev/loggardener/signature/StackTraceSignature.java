package dev.loggardener.signature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the template of a multi-line stack trace (Python, Java/Kotlin, Go, Node.js, .NET, Ruby):
 * exception type, the masked first line of its message, and the top {@link #MAX_FRAMES} in-app
 * frames as {@code function (file)} with line numbers, columns, addresses, thread names and
 * goroutine ids removed. Grouping on code location rather than on the full text keeps one bug in
 * one cluster even when its message varies, while the same exception type raised from different
 * code stays apart. Which frames count as in-app is decided by an {@link InAppFramePolicy}; when no
 * frame qualifies the top frames are used as they are.
 */
public final class StackTraceSignature implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int MAX_FRAMES = 5;

  /** Traces are longer than one-line messages and the root cause sits near the end. */
  public static final int MAX_SCAN_CHARS = 32 * 1024;

  private final InAppFramePolicy policy;
  private final SignatureNormalizer normalizer = new SignatureNormalizer();

  public StackTraceSignature() {
    this(InAppFramePolicy.defaults());
  }

  public StackTraceSignature(InAppFramePolicy policy) {
    this.policy = policy;
  }

  /** The trace template, or {@code null} if {@code message} is not a recognised stack trace. */
  public String template(String message) {
    if (message == null || message.indexOf('\n') < 0) {
      return null;
    }
    String text =
        message.length() > MAX_SCAN_CHARS ? message.substring(0, MAX_SCAN_CHARS) : message;
    ParsedTrace trace = parse(text);
    return trace == null ? null : render(trace);
  }

  private static ParsedTrace parse(String text) {
    if (text.contains(PythonTraceParser.MARKER)) {
      return PythonTraceParser.parse(text);
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = stripCr(lines[i]);
    }
    if (RubyTraceParser.looksLikeRuby(lines)) {
      return RubyTraceParser.parse(lines);
    }
    boolean goroutine = false;
    for (String raw : lines) {
      String t = raw.trim();
      if (t.startsWith("at ") && raw.length() > t.length()) {
        if (NodeTraceParser.isV8Frame(t)) {
          return NodeTraceParser.parse(lines);
        }
        return DotNetTraceParser.looksLikeDotNet(lines)
            ? DotNetTraceParser.parse(lines)
            : JvmTraceParser.parse(lines);
      }
      if (t.startsWith("goroutine ") && t.endsWith("]:")) {
        goroutine = true;
        break;
      }
    }
    return goroutine ? GoPanicParser.parse(lines) : null;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private String render(ParsedTrace trace) {
    List<ParsedTrace.Frame> chosen = new ArrayList<>(MAX_FRAMES);
    for (ParsedTrace.Frame f : trace.frames) {
      if (chosen.size() < MAX_FRAMES && policy.isInApp(f.function, f.file)) {
        chosen.add(f);
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(trace.frames.subList(0, Math.min(MAX_FRAMES, trace.frames.size())));
    }
    StringBuilder sb = new StringBuilder(256);
    sb.append(trace.type.isEmpty() ? "<unknown exception>" : normalizer.normalize(trace.type));
    String msg = firstLine(trace.message);
    if (!msg.isEmpty()) {
      sb.append(": ").append(normalizer.normalize(msg));
    }
    for (ParsedTrace.Frame f : chosen) {
      sb.append(" | at ").append(functionName(f.function));
      String file = shortFile(f.file);
      if (!file.isEmpty()) {
        sb.append(" (").append(normalizer.normalizeCodeLocation(file)).append(')');
      }
    }
    return sb.toString();
  }

  private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]{1,32}");
  private static final Pattern GENERATED_NUMBER =
      Pattern.compile(
          "(?<=[$]|Accessor|Proxy|\\$\\$[A-Za-z]{1,40}\\$\\$)[0-9a-fA-F]{0,32}[0-9][0-9a-fA-F]{0,32}\\b");

  /**
   * Function names are code, so unlike messages they keep digits ({@code func1}, {@code v3}); only
   * names the runtime generates per process are masked: lambda and proxy numbers, hidden-class
   * addresses, CGLIB hashes.
   */
  static String functionName(String fn) {
    String f = fn;
    if (f.indexOf("/0x") >= 0) {
      f = HIDDEN_CLASS_SUFFIX.matcher(f).replaceAll("");
    }
    return GENERATED_NUMBER.matcher(f).replaceAll(SignatureNormalizer.MASK);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }

  /** The last two path segments: stable across checkouts, venvs and container roots. */
  static String shortFile(String file) {
    String f = file.replace('\\', '/');
    int last = f.lastIndexOf('/');
    if (last < 0) {
      return f;
    }
    int prev = f.lastIndexOf('/', last - 1);
    return f.substring(prev + 1);
  }
}
