package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * The value-type table, one type per test: each is masked on its own, through the whole normalizer
 * (tokenizer, the table's passes, template writer), and a word without a digit that is no value
 * type stays for the learning stage.
 */
public class ValueTypeTest {
  private final SignatureNormalizer normalizer = new SignatureNormalizer();

  private void assertTemplate(String message, String template) {
    assertThat(message, normalizer.normalize(message), equalTo(template));
  }

  @Test
  public void theTableListsTheTypesInMarkingOrder() {
    List<String> names =
        Arrays.stream(ValueType.values()).map(Enum::name).collect(Collectors.toList());
    assertThat(
        names,
        equalTo(
            List.of(
                "WORDS_WITH_DIGITS",
                "EMAILS",
                "URLS",
                "REDACTED",
                "NUMBERED_HOSTS",
                "PATHS",
                "HOST_NAMES",
                "FILE_NAMES",
                "DATES_DURATIONS_SIZES",
                "KEY_VALUES",
                "USER_NAMES",
                "COMPOUNDS")));
    assertThat(ValueType.EMAILS.hasPass(), equalTo(false));
    assertThat(ValueType.COMPOUNDS.hasPass(), equalTo(true));
  }

  /** The template of {@code message} with the table's passes run one entry after another. */
  private static String templateByTheTable(String message) {
    MessageTokens t = new MessageTokens();
    char[] s = t.copy(message, message.length());
    MessageTokenizer.tokenize(s, message.length(), t);
    for (ValueType type : ValueType.values()) {
      type.mark(s, t);
    }
    return TemplateWriter.write(s, t);
  }

  @Test
  public void theNormalizerRunsTheTablesPassesInTheTablesOrder() throws IOException {
    List<String> messages =
        new ArrayList<>(
            Files.readAllLines(
                Paths.get("src", "test", "resources", "signature", "golden-input.txt"),
                StandardCharsets.UTF_8));
    messages.add("from fe80::1ff:fe23:4567:890a via db.example.com:5432 and localhost:8080");
    messages.add("reset by 10.1.2.3.example.net reading ./conf/app.yaml and settings.yaml");
    messages.add("job state=draining for user cyrus at Jun 14 10:42 PM took 12 ms, 512 MiB");
    messages.add("psycopg2.OperationalError from mail to bob.smith@example.org () [REDACTED:x]");
    for (String m : messages) {
      assertThat(m, normalizer.normalize(m), equalTo(templateByTheTable(m)));
    }
  }

  @Test
  public void numbersHexAndUuidsAreWordsWithDigits() {
    assertTemplate(
        "retry 3 for 0x7f3a job 123e4567-e89b-12d3-a456-426614174000 failed",
        "retry <*> for <*> job <*> failed");
  }

  @Test
  public void versionsCodeNamesAndClassNamesAreNotNumbers() {
    assertTemplate("log4j on k8s speaks v2", "log4j on k8s speaks v2");
    assertTemplate("psycopg2.OperationalError: closed", "psycopg2.OperationalError: closed");
  }

  @Test
  public void ipv4AndIpv6AddressesAreOneValue() {
    assertTemplate("from 10.0.0.12 refused", "from <*> refused");
    assertTemplate("from fe80::1ff:fe23:4567:890a refused", "from <*> refused");
  }

  @Test
  public void hostAndPortIsOneValue() {
    assertTemplate("dial db.example.com:5432 failed", "dial <*> failed");
    assertTemplate("dial 10.1.2.3:5432 failed", "dial <*> failed");
    assertTemplate("dial localhost:5432 failed", "dial <*> failed");
  }

  @Test
  public void aUrlKeepsItsSchemeNamedHostAndPath() {
    assertTemplate(
        "fetch https://api.example.com:8443/items?id=abc failed",
        "fetch https://api.example.com<*>/items?id=<*> failed");
  }

  @Test
  public void anEmailAddressIsAValue() {
    assertTemplate("mail to bob.smith@example.org bounced", "mail to <*> bounced");
  }

  @Test
  public void aRedactionMarkerIsAValue() {
    assertTemplate("token [REDACTED:secret] rejected", "token <*> rejected");
  }

  @Test
  public void anEmptyFieldIsLeftAsWritten() {
    // whether an empty field is a value of that position is the learning stage's to find
    assertTemplate("connection from 1.2.3.4 () at noon", "connection from <*> () at noon");
  }

  @Test
  public void aNumberedHostNameIsOneValue() {
    assertTemplate("reset by 10.1.2.3.example.net", "reset by <*>");
  }

  @Test
  public void filePathsAreOneValue() {
    assertTemplate("cannot open /var/lib/app/state.db", "cannot open <*>");
    assertTemplate("cannot open ./conf/app.yaml", "cannot open <*>");
  }

  @Test
  public void hostNamesWithoutADigitAreValues() {
    assertTemplate("lookup mail.example.org failed", "lookup <*> failed");
  }

  @Test
  public void fileNamesWithAKnownExtensionAreValues() {
    assertTemplate("cannot parse settings.yaml", "cannot parse <*>");
  }

  @Test
  public void datesAndTimesAreOneValue() {
    assertTemplate("expired on Jun 14 at 10:42 PM UTC", "expired on <*> at <*>");
  }

  @Test
  public void durationsAndSizesTakeTheirUnit() {
    assertTemplate("took 12 ms", "took <*>");
    assertTemplate("limit 512 MiB exceeded", "limit <*> exceeded");
  }

  @Test
  public void theValueOfAKeyValueFieldIsAValue() {
    assertTemplate("job state=draining rhost=mail.example.org", "job state=<*> rhost=<*>");
  }

  @Test
  public void theNameAfterAStandaloneUserIsAValue() {
    assertTemplate("session opened for user cyrus", "session opened for user <*>");
    assertTemplate("user not found", "user not found");
  }

  @Test
  public void compoundsWithAMaskedPartAreOneValue() {
    assertTemplate("mac FF:F2:9F:15:7E:6E seen", "mac <*> seen");
    assertTemplate("KB3121255~31bf3856ad364e35~amd64 installed", "<*> installed");
  }

  @Test
  public void wordsThatAreNoValueTypeStay() {
    assertTemplate("Unknown job state: shutdown", "Unknown job state: shutdown");
  }
}
