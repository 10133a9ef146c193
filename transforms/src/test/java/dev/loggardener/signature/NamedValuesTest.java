package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

/**
 * The value types for names that carry no digit: host names, endpoints and file names. Each rule is
 * pinned on messages from at least two unrelated sources (proxies, web servers, databases, kernels,
 * package managers, cloud agents), and on the look-alikes it must leave alone (code, configuration
 * keys, level words).
 */
public class NamedValuesTest {
  private final SignatureNormalizer normalizer = new SignatureNormalizer();

  private void assertTemplate(String message, String template) {
    assertThat(message, normalizer.normalize(message), equalTo(template));
  }

  private void assertSameTemplate(String a, String b) {
    assertThat(a + " / " + b, normalizer.normalize(a), equalTo(normalizer.normalize(b)));
  }

  @Test
  public void hostNameWithPortIsOneEndpointValue() {
    // a desktop proxy client and an nginx upstream error
    assertTemplate(
        "proxy.cse.example.edu.hk:5070 open through proxy www.example.com:443 HTTPS",
        "<*> open through proxy <*> HTTPS");
    assertTemplate(
        "upstream timed out while connecting to upstream api.payments.example.com:8443",
        "upstream timed out while connecting to upstream <*>");
  }

  @Test
  public void hostNamesStandingAloneAreValues() {
    // an SSH daemon and a PostgreSQL client in a private network
    assertSameTemplate(
        "reverse mapping checking getaddrinfo for mail.example.org failed",
        "reverse mapping checking getaddrinfo for smtp.example.net failed");
    assertTemplate("Connection reset by db-primary.internal", "Connection reset by <*>");
  }

  @Test
  public void localhostWithAPortIsAnEndpoint() {
    // an Envoy sidecar and a Redis client
    assertTemplate("upstream connect error to localhost:8080", "upstream connect error to <*>");
    assertSameTemplate(
        "Could not connect to Redis at localhost:6379: Connection refused",
        "Could not connect to Redis at 10.0.0.7:6379: Connection refused");
  }

  @Test
  public void reverseDnsPackagesAndConfigurationKeysAreNotHosts() {
    // an Android package, Hadoop configuration keys, a Java package
    assertTemplate(
        "Start proc com.example.health for service", "Start proc com.example.health for service");
    assertTemplate(
        "mapred.job.id is deprecated. Instead, use mapreduce.job.id",
        "mapred.job.id is deprecated. Instead, use mapreduce.job.id");
    assertTemplate("loaded org.apache.kafka.clients", "loaded org.apache.kafka.clients");
  }

  @Test
  public void fileNamesWithAKnownExtensionAreValues() {
    // a Windows proxy client's program names and a service reading its configuration
    assertSameTemplate(
        "chrome.exe - www.example.com:443 close, 1190 bytes sent",
        "firefox.exe - mail.example.org:443 close, 73 bytes sent");
    assertTemplate(
        "Failed to open settings.yaml: permission denied", "Failed to open <*>: permission denied");
    assertSameTemplate(
        "Loading offline registry hive: ntuser.dat, into registry key",
        "Loading offline registry hive: usrclass.dat, into registry key");
  }

  @Test
  public void codeIsNotAFileName() {
    // a method call, a qualified class name, an unknown extension
    assertTemplate("response.json() returned None", "response.json() returned None");
    assertTemplate("java.lang.String cannot be cast", "java.lang.String cannot be cast");
    assertTemplate("workerEnv.init() ok", "workerEnv.init() ok");
  }

  @Test
  public void stackFramesKeepTheirFileName() {
    Signer signer = new Signer();
    String trace =
        "java.lang.IllegalStateException: closed\n"
            + "\tat com.acme.Pool.take(Pool.java:10)\n"
            + "\tat com.acme.Main.main(Main.java:3)";
    assertThat(
        signer.sign(trace).template(),
        equalTo(
            "java.lang.IllegalStateException: closed | at com.acme.Pool.take (Pool.java)"
                + " | at com.acme.Main.main (Main.java)"));
  }

  @Test
  public void bracketedWordsAreNotAValueType() {
    // device links are the learning stage's to find across messages, as are component tags
    assertTemplate(
        "ACPI: PCI Interrupt Link [LNKA] enabled at IRQ 11",
        "ACPI: PCI Interrupt Link [LNKA] enabled at IRQ <*>");
  }

  @Test
  public void bracketedLevelAndOutcomeWordsStay() {
    assertTemplate("[ERROR] cache warm-up failed", "[ERROR] cache warm-up failed");
    assertTemplate("deploy finished [OK]", "deploy finished [OK]");
  }

  @Test
  public void bracketedComponentTagsWithoutADeviceNounStay() {
    // an application's component tags are part of the event
    assertTemplate("[AUTH] login failed for tenant", "[AUTH] login failed for tenant");
    assertTemplate(
        "worker [BILLING] retry budget exhausted", "worker [BILLING] retry budget exhausted");
  }
}
