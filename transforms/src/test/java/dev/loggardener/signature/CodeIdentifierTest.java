package dev.loggardener.signature;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

/** Code identifiers are not variables, even when they contain digits. */
public class CodeIdentifierTest {
  private final Signer signer = new Signer();

  @Test
  public void exceptionTypeWithDigitInPackageKeepsItsName() {
    assertThat(
        signer.sign("psycopg2.OperationalError: could not connect to server").template(),
        equalTo("psycopg2.OperationalError: could not connect to server"));
  }

  @Test
  public void exceptionTypeWithDigitInPackageKeepsItsNameInATrace() {
    String t =
        "Traceback (most recent call last):\n  File \"/app/db.py\", line 3, in connect\n"
            + "psycopg2.OperationalError: could not connect to server";
    assertThat(
        signer.sign(t).template(),
        equalTo("psycopg2.OperationalError: could not connect to server | at connect (app/db.py)"));
  }

  @Test
  public void apiVersionPathSegmentKeepsItsText() {
    assertThat(
        signer.sign("GET /v1/orders/ord_91mzq 503").template(), equalTo("GET /v1/orders/<*>"));
  }

  @Test
  public void apiVersionsAreDifferentEndpoints() {
    assertThat(
        signer.sign("GET /v1/orders failed").id(),
        not(equalTo(signer.sign("GET /v2/orders failed").id())));
  }

  @Test
  public void preReleaseApiVersionsAreCodeToo() {
    assertThat(
        signer.sign("POST /apis/batch/v2beta1/jobs/job-7 failed").template(),
        equalTo("POST /apis/batch/v2beta1/jobs/<*> failed"));
  }
}
