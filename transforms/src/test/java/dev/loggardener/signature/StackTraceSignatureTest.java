package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class StackTraceSignatureTest {
  private final Signer signer = new Signer();
  private final StackTraceSignature traces = new StackTraceSignature();

  private static String resource(String name) throws IOException {
    try (InputStream in = StackTraceSignatureTest.class.getResourceAsStream("/signature/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final String PY =
      "Unhandled error while fetching order ord_8f3k2\n"
          + "Traceback (most recent call last):\n"
          + "  File \"/app/orders/handlers.py\", line 41, in get_order\n"
          + "    conn = pool.getconn()\n"
          + "  File \"/usr/local/lib/python3.11/site-packages/psycopg_pool/pool.py\", line 200, in getconn\n"
          + "    raise PoolTimeout()\n"
          + "psycopg_pool.PoolTimeout: couldn't get a connection after 30.00 sec";

  @Test
  public void pythonWithPrefixLine() {
    assertThat(
        signer.sign(PY).template(),
        equalTo(
            "psycopg_pool.PoolTimeout: couldn't get a connection after <*> | at get_order (orders/handlers.py)"));
    String moved =
        PY.replace("ord_8f3k2", "ord_x1")
            .replace("line 41", "line 57")
            .replace("30.00", "10.00")
            .replace("/usr/local/lib/python3.11/", "/opt/venv/lib/python3.12/");
    assertThat(signer.sign(moved), equalTo(signer.sign(PY)));
  }

  @Test
  public void pythonChainedUsesLastRaisedException() throws IOException {
    assertThat(
        signer.sign(resource("python_chained.txt")).template(),
        equalTo(
            "billing.errors.InvoiceError: cannot render invoice <*>"
                + " | at render (billing/invoice.py) | at get_invoice (billing/api.py)"));
  }

  @Test
  public void pythonTruncatedTraceStillGroups() {
    String a =
        "Traceback (most recent call last):\n  File \"/app/a.py\", line 3, in f\n    g()\n  File \"/app/b.py\", line 9, in g\n";
    String b = a.replace("line 3", "line 4");
    assertThat(signer.sign(a), equalTo(signer.sign(b)));
    assertThat(signer.sign(a).template(), containsString("at g (app/b.py) | at f (app/a.py)"));
  }

  @Test
  public void javaRootCauseWithInAppFrames() throws IOException {
    String t = resource("java_spring_chain.txt");
    assertThat(
        signer.sign(t).template(),
        equalTo(
            "org.postgresql.util.PSQLException: Connection to <*> refused. Check that the hostname and port are correct."
                + " | at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl (ConnectionFactoryImpl.java)"
                + " | at org.postgresql.Driver.connect (Driver.java)"
                + " | at com.zaxxer.hikari.pool.HikariPool.createPoolEntry (HikariPool.java)"
                + " | at com.acme.orders.db.Repository$$Lambda$<*>.apply (Unknown Source)"
                + " | at com.acme.orders.db.Repository.lambda$find$<*> (Repository.java)"));
    String other =
        t.replace(":319)", ":320)")
            .replace("exec-7", "exec-2")
            .replace("10.3.0.7", "10.3.0.9")
            .replace("0x0000000800c4b440", "0x0000000800c11111");
    assertThat(signer.sign(other), equalTo(signer.sign(t)));
  }

  @Test
  public void javaThreadNameDoesNotSplit() {
    String a =
        "Exception in thread \"main\" java.lang.IllegalArgumentException: bad id 12\n"
            + "\tat com.acme.Cli.parse(Cli.java:10)\n\tat com.acme.Cli.main(Cli.java:3)";
    String b = a.replace("\"main\"", "\"pool-1-thread-3\"").replace("Cli.java:10", "Cli.java:11");
    assertThat(signer.sign(a), equalTo(signer.sign(b)));
    assertThat(
        signer.sign(a).template(),
        equalTo(
            "java.lang.IllegalArgumentException: bad id <*> | at com.acme.Cli.parse (Cli.java) | at com.acme.Cli.main (Cli.java)"));
  }

  @Test
  public void kotlinFramesAndLibraryOnlyTrace() {
    String kt =
        "kotlin.KotlinNullPointerException\n\tat kotlin.jvm.internal.Intrinsics.throwNpe(Intrinsics.kt:1)\n"
            + "\tat dev.app.Worker.run(Worker.kt:22)";
    assertThat(
        signer.sign(kt).template(),
        equalTo("kotlin.KotlinNullPointerException | at dev.app.Worker.run (Worker.kt)"));
    String lib =
        "java.lang.NullPointerException\n\tat java.util.Objects.requireNonNull(Objects.java:209)\n"
            + "\tat java.base/java.lang.Thread.run(Thread.java:833)";
    assertThat(
        signer.sign(lib).template(),
        equalTo(
            "java.lang.NullPointerException | at java.util.Objects.requireNonNull (Objects.java) | at java.lang.Thread.run (Thread.java)"));
  }

  private static final String GO =
      "panic: runtime error: index out of range [5] with length 3\n\n"
          + "goroutine 17 [running]:\n"
          + "main.(*Server).handle(0xc000010000, {0x1, 0x2})\n"
          + "\t/app/cmd/server/handler.go:23 +0x1d\n"
          + "net/http.HandlerFunc.ServeHTTP(0x0?, {0xa5f0c0?, 0xc0000ac000?}, 0x0?)\n"
          + "\t/usr/local/go/src/net/http/server.go:2136 +0x29\n"
          + "main.main()\n"
          + "\t/app/cmd/server/main.go:10 +0x25\n"
          + "\ngoroutine 1 [chan receive]:\nmain.wait()\n\t/app/cmd/server/main.go:40 +0x10\n"
          + "exit status 2";

  @Test
  public void goPanic() {
    assertThat(
        signer.sign(GO).template(),
        equalTo(
            "panic: runtime error: index out of range [<*>] with length <*>"
                + " | at main.(*Server).handle (server/handler.go) | at main.main (server/main.go)"));
    String other =
        GO.replace("goroutine 17", "goroutine 9031")
            .replace(":23 +0x1d", ":24 +0x3f")
            .replace("0xc000010000", "0xc0000aa000")
            .replace("[5] with length 3", "[7] with length 7");
    assertThat(signer.sign(other), equalTo(signer.sign(GO)));
  }

  private static final String NODE =
      "TypeError: Cannot read properties of undefined (reading 'id')\n"
          + "    at getUser (/app/src/users.js:10:5)\n"
          + "    at /app/node_modules/express/lib/router/layer.js:95:5\n"
          + "    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
          + "    at async Server.handle (/app/src/server.js:44:3)";

  @Test
  public void nodeTrace() {
    assertThat(
        signer.sign(NODE).template(),
        equalTo(
            "TypeError: Cannot read properties of undefined (reading 'id')"
                + " | at getUser (src/users.js) | at Server.handle (src/server.js)"));
    assertThat(
        signer.sign(NODE.replace(":10:5", ":12:9").replace(":44:3", ":45:3")),
        equalTo(signer.sign(NODE)));
  }

  @Test
  public void differentCodePathsStayApart() {
    String a = "java.lang.IllegalStateException: closed\n\tat com.acme.A.run(A.java:1)";
    String b = "java.lang.IllegalStateException: closed\n\tat com.acme.B.run(B.java:1)";
    assertThat(signer.sign(a).id(), not(equalTo(signer.sign(b).id())));
  }

  @Test
  public void onlyFiveFrames() {
    StringBuilder sb = new StringBuilder("java.lang.StackOverflowError\n");
    for (int i = 0; i < 100; i++) {
      sb.append("\tat com.acme.R.f")
          .append(i % 7 == 0 ? "" : "x")
          .append("(R.java:")
          .append(i)
          .append(")\n");
    }
    String t = signer.sign(sb.toString()).template();
    assertThat(t.split(" \\| ").length, equalTo(1 + StackTraceSignature.MAX_FRAMES));
  }

  @Test
  public void policyIsConfigurable() {
    InAppFramePolicy policy =
        new InAppFramePolicy(List.of("site-packages"), List.of("com.acme.internal."));
    String t =
        "java.lang.RuntimeException: x\n\tat com.acme.internal.Util.check(Util.java:1)\n\tat com.acme.App.main(App.java:2)";
    assertThat(
        new Signer(policy).sign(t).template(),
        equalTo("java.lang.RuntimeException: x | at com.acme.App.main (App.java)"));
    assertThat(new Signer().sign(t).template(), containsString("com.acme.internal.Util.check"));
  }

  @Test
  public void plainMultiLineMessageIsNotATrace() {
    assertThat(traces.template("first line\nsecond line"), nullValue());
    assertThat(traces.template("single line"), nullValue());
    assertThat(
        signer.sign("step 1 failed\nstep 2 failed").template(),
        equalTo("step <*> failed step <*> failed"));
  }
}
