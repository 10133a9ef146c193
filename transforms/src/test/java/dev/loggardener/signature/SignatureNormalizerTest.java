package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

/**
 * Templates of the shapes that the masking passes look for. Several passes visit only the tokens
 * next to a joiner or separator rather than every token, so these pin the runs they must still
 * find: paths that start before their first separator, runs after an earlier run, dot leaders, code
 * names next to values.
 */
public class SignatureNormalizerTest {
  private final SignatureNormalizer normalizer = new SignatureNormalizer();

  private void assertTemplate(String message, String template) {
    assertThat(message, normalizer.normalize(message), equalTo(template));
  }

  @Test
  public void relativeAndWindowsPathsAreOneValue() {
    assertTemplate("cannot read ../conf/app.yaml: denied", "cannot read <*>: denied");
    assertTemplate("opened ./data/x.csv", "opened <*>");
    assertTemplate("loading C:\\Users\\bob\\f.txt failed", "loading <*> failed");
  }

  @Test
  public void everyAbsolutePathOfAMessageIsMasked() {
    assertTemplate("moved /tmp/x/y to /srv/z/w", "moved <*> to <*>");
    assertTemplate("a.b /x/y/z", "a.b <*>");
    assertTemplate("(/var/log/x.log)", "(<*>)");
  }

  @Test
  public void aSentenceDotEndsAPath() {
    assertTemplate("see /a/b. Then retry", "see <*>. Then retry");
  }

  @Test
  public void aPathWithOneSeparatorOrNoLeadingOneIsKept() {
    assertTemplate("path a/b/c", "path a/b/c");
    assertTemplate("disk full on /data", "disk full on /data");
  }

  @Test
  public void requestPathsKeepTheirSkeleton() {
    assertTemplate("GET /v1/orders/ord_7 failed", "GET /v1/orders/<*> failed");
  }

  @Test
  public void dottedHostsAndNumbersAreOneValue() {
    assertTemplate("host ip-10-0-0-1.ec2.internal down", "host <*> down");
    assertTemplate("from 10.0.0.1.example.org and 5.Foo", "from <*> and <*>");
    assertTemplate("v1.2.3 of lib", "<*> of lib");
  }

  @Test
  public void compoundValuesVaryAsOne() {
    assertTemplate("Package_for_KB3121255~31bf3856ad364e35~amd64 installed", "<*> installed");
    assertTemplate("mac FF:F2:9F:15:7E:6E seen", "mac <*> seen");
  }

  @Test
  public void aDotLeaderOrAKeyColonSeparatesLabelFromValue() {
    assertTemplate("threshold........0 reached", "threshold........<*> reached");
    assertTemplate("CurrentState:112", "CurrentState:<*>");
  }

  @Test
  public void codeNamesStayEvenWithDigits() {
    assertTemplate(
        "at java.lang.Thread.run and psycopg2.OperationalError",
        "at java.lang.Thread.run and psycopg2.OperationalError");
  }

  @Test
  public void keyValuesDatesAndUnitsAreVariable() {
    assertTemplate("key=abc rhost=mail.example.org user=root x", "key=<*> rhost=<*> user=<*> x");
    assertTemplate("took 12 ms at 10:42 PM", "took <*> at <*>");
    assertTemplate("user bob logged in", "user <*> logged in");
  }
}
