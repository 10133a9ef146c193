package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.Test;

public class SignerTest {
  private final Signer signer = new Signer();

  /** Each row: messages that must share one signature. */
  private static final String[][] SAME = {
    {"Container called exit(3).", "Container called exit(1).", "Container called exit(137)."},
    {
      "Memory limit of 512 MiB exceeded with 531 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits",
      "Memory limit of 2 GiB exceeded with 2049 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits"
    },
    {
      "orders-api returned 503 for GET /v1/orders/ord_91mzq; retrying (attempt 2/3) in 400ms",
      "orders-api returned 503 for GET /v1/orders/ord_7abc2; retrying (attempt 3/3) in 400ms",
      "orders-api returned 502 for GET /v1/orders/ord_7abc2; retrying (attempt 1/3) in 1.5s"
    },
    {
      "request 123e4567-e89b-12d3-a456-426614174000 from 10.0.0.1:8080 at 2024-01-02T03:04:05.123Z took 9.87s",
      "request 9f0c0f0e-0000-4000-8000-000000000001 from 192.168.17.4 at 2025-11-30T23:59:59Z took 30.00 sec"
    },
    {"Object java.lang.Object@4b1c1ea0 leaked", "Object java.lang.Object@7f31245a leaked"},
    {"worker pid=4412 crashed at 0x7ffd5a3c", "worker pid=17 crashed at 0xdeadbeef00"},
    {
      "connection from 10.0.0.1 at Fri Jun 17 07:07:00 2005",
      "connection from 10.9.9.9 at Mon Jul 4 23:01:59 2005"
    },
    {
      "cannot open /var/data/tenant-42/ingest/2025-01-01.csv",
      "cannot open /var/data/tenant-7/ingest/late.csv"
    },
    {"login failed for jane@example.com", "login failed for bob.smith@corp.example.org"},
    {"db error: password=hunter2 rejected", "db error: password=correct-horse rejected"},
    {"upload of 'report_2024_11.pdf' failed", "upload of 'report_2025_01.pdf' failed"},
    {
      "authentication failure; rhost=mail.example.org user=root",
      "authentication failure; rhost=10.1.2.3 user=guest"
    },
    {"", "   ", "\n\t", null},
  };

  /** Each row: messages that must NOT share a signature. */
  private static final String[][] DIFFERENT = {
    {
      "Middleware setup failure details: ModuleNotFoundError: No module named 'x.y'",
      "CRITICAL: Enhanced middleware setup failed: No module named 'x.y'"
    },
    {
      "ModuleNotFoundError: No module named 'redis'",
      "ModuleNotFoundError: No module named 'celery'"
    },
    {"GET /v1/orders/ord_1 failed", "GET /v1/users/usr_1 failed"},
    {"Container called exit(1).", "Container failed to start."},
    {"disk full on /data", "disk full on /logs/x/y"},
  };

  /** Messages whose template must equal the message itself. */
  private static final String[] STABLE = {
    "SERVICE_ID contained whitespace - sanitized from 'netra-backend' to 'netra-backend'",
    "Sentry SDK not available - install sentry-sdk[fastapi] to enable error tracking",
    "ModuleNotFoundError: No module named 'netra_backend.app.services.monitoring'",
    "Invalid token provided for request",
    "Using log4j and k8s with i18n enabled",
  };

  @Test
  public void groupsVariants() {
    for (String[] row : SAME) {
      Signature first = signer.sign(row[0]);
      for (String m : row) {
        assertThat(m, signer.sign(m), equalTo(first));
      }
    }
  }

  @Test
  public void separatesDifferentEvents() {
    for (String[] row : DIFFERENT) {
      assertThat(
          row[0] + " vs " + row[1],
          signer.sign(row[0]).id(),
          not(equalTo(signer.sign(row[1]).id())));
    }
  }

  @Test
  public void keepsEventWords() {
    for (String m : STABLE) {
      assertThat(signer.sign(m).template(), equalTo(m));
    }
  }

  @Test
  public void whitespaceInsideMessageIsCollapsed() {
    assertThat(
        signer
            .sign(
                "SERVICE_ID contained whitespace - sanitized from 'netra-backend\n' to 'netra-backend'")
            .template(),
        equalTo(
            "SERVICE_ID contained whitespace - sanitized from 'netra-backend ' to 'netra-backend'"));
  }

  @Test
  public void templatesNeverCarrySecrets() {
    String[][] cases = {
      {"login failed for jane.roe@example.com", "jane.roe"},
      {"call with Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz"},
      {"connect https://admin:hunter@db.internal/app", "hunter"},
      {"cfg {\"client_secret\": \"supersecretvalue\"}", "supersecretvalue"},
      {"password=hunter", "hunter"},
      {"token=abc&x=1", "abc"},
      {"charge card 4111 1111 1111 1111 declined", "4111"},
      {"key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE"},
      {
        "Traceback (most recent call last):\n  File \"/app/a.py\", line 1, in f\nValueError: bad api_key=qwertyuiop",
        "qwertyuiop"
      },
      {"-----BEGIN PRIVATE KEY-----\nMIIabcdefSECRETLINE\n-----END PRIVATE KEY-----", "SECRETLINE"},
    };
    for (String[] c : cases) {
      String t = signer.sign(c[0]).template();
      assertThat(t, not(containsString(c[1])));
    }
  }

  @Test
  public void idsArePinned() {
    // Computed once with VERSION 4 (XXH64 of "v4\n" + template). A change here means every
    // stored cluster id changes: bump Signer.VERSION on purpose, note it in CHANGELOG.md, then
    // update these values and the golden file.
    assertThat(signer.sign("Container called exit(3).").id(), equalTo("bc094a515b71c086"));
    assertThat(
        signer
            .sign(
                "Memory limit of 512 MiB exceeded with 531 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits")
            .id(),
        equalTo("f38fda1e205c4660"));
    assertThat(
        signer
            .sign(
                "orders-api returned 503 for GET /v1/orders/ord_91mzq; retrying (attempt 2/3) in 400ms")
            .id(),
        equalTo("076b5545f63c901e"));
    assertThat(signer.sign("").id(), equalTo("d73318e22725c075"));
  }

  @Test
  public void idIsXxHash64OfVersionedTemplate() {
    String template = "Container called exit(<*>).";
    byte[] bytes =
        ("v" + Signer.VERSION + "\n" + template).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
        Signer.idOf(template),
        equalTo(String.format("%016x", XxHash64.hash(bytes, bytes.length, 0))));
  }

  @Test
  public void nonAsciiTemplatesHashTheirUtf8Bytes() {
    String template = "Zeitüberschreitung bei <*>";
    byte[] bytes =
        ("v" + Signer.VERSION + "\n" + template).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
        Signer.idOf(template),
        equalTo(String.format("%016x", XxHash64.hash(bytes, bytes.length, 0))));
  }

  @Test
  public void signatureShape() {
    Signature s = signer.sign("Container called exit(3).");
    assertThat(s.id(), matchesPattern("[0-9a-f]{16}"));
    assertThat(s.version(), equalTo(Signer.VERSION));
    assertThat(s.template(), equalTo("Container called exit(<*>)."));
    assertThat(signer.sign(null).template(), equalTo(Signer.EMPTY_TEMPLATE));
    assertThat(s.toString(), containsString(s.id()));
  }

  @Test
  public void independentOfInstanceAndSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new Signer());
    }
    Signer copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Signer) in.readObject();
    }
    String m = "payment 991 failed for user 12";
    assertThat(copy.sign(m), equalTo(signer.sign(m)));
  }

  @Test
  public void megabyteMessagesAreBounded() {
    StringBuilder sb = new StringBuilder("boom ");
    while (sb.length() < (1 << 20)) {
      sb.append("word").append(sb.length()).append(' ');
    }
    Signature s = signer.sign(sb.toString());
    assertThat(s.template().length(), lessThanOrEqualTo(SignatureNormalizer.MAX_TEMPLATE_CHARS));
    StringBuilder lines = new StringBuilder("Traceback (most recent call last):\n");
    for (int i = 0; i < 50_000; i++) {
      lines.append("  File \"/app/x.py\", line ").append(i).append(", in f\n    f()\n");
    }
    lines.append("RecursionError: maximum recursion depth exceeded");
    Signature t = signer.sign(lines.toString());
    assertThat(t.template().length(), lessThanOrEqualTo(SignatureNormalizer.MAX_TEMPLATE_CHARS));
    StringBuilder same = new StringBuilder();
    while (same.length() < (1 << 20)) {
      same.append("aaaaaaaaaaaaaaaaaaaaaaa@");
    }
    assertThat(signer.sign(same.toString()).template().length(), lessThanOrEqualTo(1000));
  }

  @Test
  public void aLineSignsAsTheSameMessage() {
    for (String line :
        new String[] {
          "disk 12 full on node-3", "", "   ", "password=hunter2 rejected", "caf\u00e9 fermé 42"
        }) {
      assertThat(signer.signLine(line), equalTo(signer.sign(line)));
    }
  }
}
