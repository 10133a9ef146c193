package dev.loggardener.redact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

/** The pre-scan may say "maybe" in vain, but must never skip a message a rule would change. */
public class RedactorPrescanTest {
  @Test
  public void plainLogLinesNeedNoRedaction() {
    assertThat(
        Redactor.mayNeedRedaction(
            "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106"),
        is(false));
    assertThat(Redactor.mayNeedRedaction("Container called exit(3)."), is(false));
  }

  @Test
  public void everyRuleHasItsTrigger() {
    String[] secrets = {
      "mail jane@example.com",
      "-----BEGIN PRIVATE KEY-----",
      "tok eyJhbGciOi.eyJzdWIi.sig",
      "key AIzaSyA1234567890abcdefghijklmnopqrstu",
      "AKIAIOSFODNN7EXAMPLE",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "github_pat_11AAAAAAA",
      "xoxb-1234567890-abc",
      "sk_live_abcdefghij",
      "card 4111 1111 1111 1111",
      "Password=x",
      "pwd=x",
      "private_key=x",
      "SECRET=x",
      "session=x",
      "Token: x",
      "auth=x",
      "api_key=x",
      "access_key=x",
      "credentials=x",
      "Cookie: x",
      "Bearer abcdefgh"
    };
    for (String s : secrets) {
      assertThat(s, Redactor.mayNeedRedaction(s), is(true));
    }
  }

  @Test
  public void skippedMessagesAreReturnedUnchanged() {
    String s = "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106";
    assertThat(Redactor.redact(s), equalTo(s));
  }
}
