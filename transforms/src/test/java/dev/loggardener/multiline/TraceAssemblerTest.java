package dev.loggardener.multiline;

import static dev.loggardener.multiline.TraceLinesFixtures.PYTHON;
import static dev.loggardener.multiline.TraceLinesFixtures.lines;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** How sorted lines of one instance are grouped into traces, language by language. */
public class TraceAssemblerTest {
  private final TraceAssembler assembler = new TraceAssembler(TraceLimits.defaults());

  private List<Integer> sizes(List<String> texts) {
    return sizes(assembler, lines("i1", 0, 50, texts));
  }

  private static List<Integer> sizes(TraceAssembler a, List<LogEntry> sorted) {
    return a.group(sorted).stream().map(List::size).collect(Collectors.toList());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  public void pythonTracebackFromStartToFinalExceptionLineIsOneGroup() {
    assertThat(
        sizes(concat(PYTHON, List.of("Listening at: http://0.0.0.0:8080 (1)"))), contains(6, 1));
  }

  @Test
  public void chainedPythonTracebacksStayOneGroup() {
    List<String> chained =
        List.of(
            "Traceback (most recent call last):",
            "  File \"/app/a.py\", line 3, in f",
            "    return d['k']",
            "KeyError: 'k'",
            "",
            "During handling of the above exception, another exception occurred:",
            "",
            "Traceback (most recent call last):",
            "  File \"/app/a.py\", line 5, in f",
            "    raise ValueError('bad')",
            "ValueError: bad",
            "",
            "The above exception was the direct cause of the following exception:",
            "",
            "Traceback (most recent call last):",
            "  File \"/app/a.py\", line 9, in g",
            "    raise RuntimeError('worse') from e",
            "RuntimeError: worse");
    assertThat(sizes(concat(chained, List.of(""))), contains(18, 1));
  }

  @Test
  public void truncatedPythonTracebackKeepsWhatItHas() {
    assertThat(sizes(PYTHON.subList(0, 3)), contains(3));
  }

  @Test
  public void twoTracebacksBackToBackAreTwoGroups() {
    assertThat(sizes(concat(PYTHON, PYTHON)), contains(6, 6));
  }

  @Test
  public void javaTraceWithCausedByChainIsOneGroup() {
    List<String> java =
        List.of(
            "Exception in thread \"main\" java.lang.IllegalStateException: pool exhausted",
            "\tat com.acme.orders.Pool.get(Pool.java:42)",
            "\tat com.acme.orders.Main.main(Main.java:7)",
            "Caused by: java.net.SocketTimeoutException: connect timed out",
            "\tat java.base/java.net.Socket.connect(Socket.java:633)",
            "\t... 2 more",
            "Started OrdersApplication in 3.2 seconds");
    assertThat(sizes(java), contains(6, 1));
    assertThat(
        sizes(List.of("com.acme.FooException: boom", "\tat com.acme.A.b(A.java:1)")), contains(2));
  }

  @Test
  public void goPanicWithGoroutineDumpIsOneGroup() {
    List<String> go =
        List.of(
            "panic: runtime error: invalid memory address or nil pointer dereference",
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4b7a2e]",
            "",
            "goroutine 1 [running]:",
            "main.(*Server).handle(0x0, {0x7ffd, 0x3})",
            "\t/app/server.go:42 +0x2e",
            "main.main()",
            "\t/app/main.go:12 +0x1d",
            "exit status 2",
            "",
            "Listening on :8080");
    assertThat(sizes(go), contains(9, 1, 1));
    assertThat(
        "a lone panic line is an ordinary line",
        sizes(List.of("panic: boom", "Listening on :8080")),
        contains(1, 1));
  }

  @Test
  public void nodeErrorWithAtFramesIsOneGroup() {
    List<String> node =
        List.of(
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "    at getOrder (/app/src/orders.js:17:22)",
            "    at async /app/src/server.js:40:5",
            "Server listening on 8080");
    assertThat(sizes(node), contains(3, 1));
  }

  @Test
  public void anExceptionLineAloneIsNotATrace() {
    assertThat(
        sizes(List.of("psycopg2.OperationalError: timeout", "ValueError: x")), contains(1, 1));
  }

  @Test
  public void aGapWiderThanTheLimitCutsTheTrace() {
    List<LogEntry> first = lines("i1", 0, 50, PYTHON.subList(0, 3));
    List<LogEntry> later = lines("i1", 5_000_000, 50, PYTHON.subList(3, 6));
    List<LogEntry> all = new ArrayList<>(first);
    all.addAll(later);
    assertThat(sizes(assembler, all), contains(3, 1, 1, 1));
  }

  @Test
  public void capsOnLinesAndCharactersCutTheTrace() {
    assertThat(
        sizes(new TraceAssembler(TraceLimits.of(1000, 4, 65536)), lines("i1", 0, 50, PYTHON)),
        contains(4, 1, 1));
    int firstTwo = PYTHON.get(0).length() + 1 + PYTHON.get(1).length();
    assertThat(
        sizes(new TraceAssembler(TraceLimits.of(1000, 100, firstTwo)), lines("i1", 0, 50, PYTHON)),
        contains(2, 1, 1, 1, 1));
  }

  @Test
  public void mergedEntryJoinsLinesAndKeepsTheFirstLinesIdentityAndTheHighestSeverity() {
    List<LogEntry> group = lines("i1", 0, 50, PYTHON);
    LogEntry first = group.get(0);
    group.set(
        2,
        LogEntry.builder()
            .timestamp(group.get(2).timestamp())
            .severity(Severity.ERROR)
            .message(group.get(2).message())
            .build());
    LogEntry merged = TraceAssembler.merge(group);
    assertThat(merged.message(), is(String.join("\n", PYTHON)));
    assertThat(merged.timestamp(), is(first.timestamp()));
    assertThat(merged.insertId(), is(first.insertId()));
    assertThat(merged.instanceId(), is("i1"));
    assertThat(merged.severity(), is(Severity.ERROR));
    assertThat(TraceAssembler.merge(List.of(first)) == first, is(true));
  }
}
