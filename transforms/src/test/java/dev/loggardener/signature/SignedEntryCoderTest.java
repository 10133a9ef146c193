package dev.loggardener.signature;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.loggardener.cluster.TestEntries;
import dev.loggardener.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class SignedEntryCoderTest {

  /** What the plain UTF-8 frame of earlier versions decoded a string to: lone surrogates as '?'. */
  private static String viaUtf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static SignedEntry viaUtf8(SignedEntry e) {
    return new SignedEntry(
        viaUtf8(e.service),
        viaUtf8(e.resourceType),
        viaUtf8(e.signatureId),
        viaUtf8(e.signature),
        e.sigVersion,
        e.severity,
        e.timestamp,
        viaUtf8(e.sampleMessage),
        viaUtf8(e.insertId),
        viaUtf8(e.trace),
        viaUtf8(e.revision),
        viaUtf8(e.logName),
        e.hasInstance,
        e.instanceHash);
  }

  private static final String[] PIECES = {
    "a", "Z", "0", "7", "f", " ", "<*>", "é", "€", "\uD83D\uDE00", "\uD83D", "\uDE00", "-", "x9"
  };

  private static String random(Random rnd, int maxPieces) {
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(maxPieces + 1); i > 0; i--) {
      sb.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String hex(Random rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("0123456789abcdef".charAt(rnd.nextInt(16)));
    }
    return sb.toString();
  }

  /** A message that shares a random start and end with the template, as a signed one does. */
  private static String variantOf(Random rnd, String template) {
    int a = rnd.nextInt(template.length() + 1);
    int b = a + rnd.nextInt(template.length() - a + 1);
    return template.substring(0, a) + random(rnd, 3) + template.substring(b);
  }

  private static String sampleOf(Random rnd, String template) {
    switch (rnd.nextInt(4)) {
      case 0:
        return random(rnd, 12);
      case 1:
        return template;
      default:
        return variantOf(rnd, template);
    }
  }

  private static SignedEntry randomEntry(Random rnd) {
    String service = rnd.nextBoolean() ? "svc-" + random(rnd, 3) : random(rnd, 4);
    String template = random(rnd, 12);
    String[] types = {"cloud_run_revision", "k8s_container", "", "my_type", "é"};
    return new SignedEntry(
        service,
        types[rnd.nextInt(types.length)],
        rnd.nextBoolean() ? hex(rnd, 16) : random(rnd, 4),
        template,
        3,
        Severity.values()[rnd.nextInt(Severity.values().length)],
        Instant.ofEpochSecond(1_758_000_000L + rnd.nextInt(100_000), rnd.nextInt(1_000_000_000)),
        sampleOf(rnd, template),
        rnd.nextBoolean() ? hex(rnd, rnd.nextInt(20)) : random(rnd, 3),
        rnd.nextBoolean() ? "" : "projects/p/traces/" + hex(rnd, 32),
        rnd.nextBoolean() ? service + random(rnd, 3) : random(rnd, 5),
        "projects/p/logs/" + random(rnd, 3),
        rnd.nextBoolean() ? hex(rnd, 128) : hex(rnd, 7).toUpperCase() + random(rnd, 2));
  }

  @Test
  public void everyFieldDecodesToWhatThePlainUtf8FrameGave() throws Exception {
    Random rnd = new Random(12);
    for (int i = 0; i < 20_000; i++) {
      SignedEntry e = randomEntry(rnd);
      SignedEntry decoded = CoderUtils.clone(SignedEntryCoder.of(), e);
      assertEquals(e.toString(), viaUtf8(e), decoded);
      assertEquals(viaUtf8(e.sampleMessage), decoded.sampleMessage);
      assertEquals(viaUtf8(e.revision), decoded.revision);
    }
  }

  @Test
  public void equalEntriesEncodeToEqualBytes() throws Exception {
    Random rnd = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      long seed = rnd.nextLong();
      SignedEntry one = randomEntry(new Random(seed));
      SignedEntry two = randomEntry(new Random(seed));
      assertArrayEquals(
          CoderUtils.encodeToByteArray(SignedEntryCoder.of(), one),
          CoderUtils.encodeToByteArray(SignedEntryCoder.of(), two));
    }
    SignedEntry e =
        TestEntries.entry(
            "abc", Severity.ERROR, "2025-09-16T01:00:00Z", "id1", "orders-api-00001-abc", "i1");
    CoderProperties.coderDeterministic(SignedEntryCoder.of(), e, e);
    CoderProperties.coderDecodeEncodeEqual(SignedEntryCoder.of(), e);
    CoderProperties.coderSerializable(SignedEntryCoder.of());
  }

  @Test
  public void aSampleMessageCostsOnlyWhatDiffersFromItsTemplate() throws Exception {
    String template =
        "Document worker failed to reconcile export inventory record <*> for tenant <*> "
            + "after <*> attempts";
    String message =
        "Document worker failed to reconcile export inventory record 46362 for tenant "
            + "t_740f65 after 1 attempts";
    int none = size(withSample(template, ""));
    int same = size(withSample(template, template));
    int differs = size(withSample(template, message));
    assertTrue(same + " against " + none, same <= none + 3);
    assertTrue(differs + " against " + none, differs <= none + 45);
    for (String sample : new String[] {"", template, message}) {
      assertEquals(
          withSample(template, sample),
          CoderUtils.clone(SignedEntryCoder.of(), withSample(template, sample)));
    }
  }

  @Test
  public void anInstanceCrossesAsItsHashWhateverTheLengthOfItsId() throws Exception {
    String cloudRun =
        "0069c7a988fa06e7b8379b26a54a240ca73d49a73b7c66a69c7104af00d9a50f"
            + "9b12726dedb458af9e05a146f0ea4a498ed05b1724038d8cf245826af63f4cb1";
    SignedEntry longId =
        TestEntries.entry(
            "s1", Severity.ERROR, "2025-09-16T01:00:00Z", "a1", "orders-api-00001-abc", cloudRun);
    SignedEntry shortId =
        TestEntries.entry(
            "s1", Severity.ERROR, "2025-09-16T01:00:00Z", "a1", "orders-api-00001-abc", "i-1");
    assertEquals(size(shortId), size(longId));
    SignedEntry decoded = CoderUtils.clone(SignedEntryCoder.of(), longId);
    assertTrue(decoded.hasInstance);
    assertEquals(dev.loggardener.model.StableHash.of(cloudRun), decoded.instanceHash);
  }

  @Test
  public void anEntryWithoutInstanceStaysWithoutOne() throws Exception {
    SignedEntry none =
        TestEntries.entry(
            "s1", Severity.ERROR, "2025-09-16T01:00:00Z", "a1", "orders-api-00001-abc", "");
    SignedEntry decoded = CoderUtils.clone(SignedEntryCoder.of(), none);
    assertEquals(none, decoded);
    assertTrue(!decoded.hasInstance);
    assertTrue(
        size(none)
            < size(
                TestEntries.entry(
                    "s1",
                    Severity.ERROR,
                    "2025-09-16T01:00:00Z",
                    "a1",
                    "orders-api-00001-abc",
                    "i-1")));
  }

  private static SignedEntry withSample(String template, String sample) {
    return new SignedEntry(
        "netra-backend-staging",
        "cloud_run_revision",
        "9f86d081884c7d65",
        template,
        3,
        Severity.ERROR,
        Instant.parse("2025-09-16T01:00:00Z"),
        sample,
        "65fde6975da9e598",
        "",
        "netra-backend-staging-00212-lop",
        "projects/netra-staging/logs/run.googleapis.com%2Fstdout",
        "0069c7a988fa06e7");
  }

  private static int size(SignedEntry e) throws Exception {
    return CoderUtils.encodeToByteArray(SignedEntryCoder.of(), e).length;
  }
}
