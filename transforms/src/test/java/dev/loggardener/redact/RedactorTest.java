package dev.loggardener.redact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

public class RedactorTest {

  /** input, expected output. Identity rows are the over-scrubbing guards. */
  private static final String[][] CASES = {
    {"Authorization: Bearer abcDEF123456.xyz-_~+/=", "Authorization: Bearer [REDACTED:token]"},
    {
      "curl -H 'authorization: bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'",
      "curl -H 'authorization: bearer [REDACTED:token]'"
    },
    {
      "jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U done",
      "jwt=[REDACTED:token] done"
    },
    {
      "using key AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY for maps",
      "using key [REDACTED:token] for maps"
    },
    {
      "aws AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE",
      "aws [REDACTED:token] and [REDACTED:token]"
    },
    {
      "gh token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 pushed", "gh token [REDACTED:token] pushed"
    },
    {"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "[REDACTED:token]"},
    {"slack xoxb-123456789012-123456789012-abcdefABCDEF", "slack [REDACTED:token]"},
    {"stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe [REDACTED:token]"},
    {"stripe rk_test_4eC39HqLyjWDarjtT1zdp7dc", "stripe [REDACTED:token]"},
    {"password=hunter2 user=bob", "password=[REDACTED:secret] user=bob"},
    {"PASSWD=x", "PASSWD=[REDACTED:secret]"},
    {"db_password: S3cr3tP@ss!", "db_password: [REDACTED:secret]"},
    {
      "{\"api_key\": \"abc def 123\", \"name\": \"x\"}",
      "{\"api_key\": \"[REDACTED:secret]\", \"name\": \"x\"}"
    },
    {"{'client_secret': 'abc'}", "{'client_secret': '[REDACTED:secret]'}"},
    {
      "connect https://admin:s3cret@db.example.com:5432/app",
      "connect https://[REDACTED:secret]@db.example.com:5432/app"
    },
    {
      "GET /cb?token=abc123&api_key=XYZ&page=2",
      "GET /cb?token=[REDACTED:secret]&api_key=[REDACTED:secret]&page=2"
    },
    {"contact john.doe+test@example.co.uk now", "contact [REDACTED:email] now"},
    {"card 4111 1111 1111 1111 declined", "card [REDACTED:card] declined"},
    {"card 4111-1111-1111-1111 declined", "card [REDACTED:card] declined"},
    {"card 4111111111111111 declined", "card [REDACTED:card] declined"},
    {"amex 3782 822463 10005", "amex [REDACTED:card]"},
    {
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- tail",
      "[REDACTED:private_key] tail"
    },
    {"key -----BEGIN PRIVATE KEY-----\nMIIEowIBAAK (truncated", "key [REDACTED:private_key]"},
    {
      "Cookie: sessionid=abc; csrftoken=xyz",
      "Cookie: sessionid=[REDACTED:secret]; csrftoken=[REDACTED:secret]"
    },
    {"SESSION_SECRET=abcdef", "SESSION_SECRET=[REDACTED:secret]"},
    {"x-auth-token: 9f8e7d6c5b4a39281706", "x-auth-token: [REDACTED:secret]"},
    // must stay untouched
    {"order 4111111111111112 not luhn", null},
    {"java.lang.Object@4b1c1ea0 is not serializable", null},
    {"Invalid token provided for request", null},
    {"refresh token: connection refused", null},
    {
      "request 123e4567-e89b-12d3-a456-426614174000 at 2024-01-02T03:04:05.123Z took 1514038554000",
      null
    },
    {"block blk_7128370237687728475 and blk_-6330812010936261924", null},
    {"REPORT : 7007 5002 150089 240", null},
    {"token expired for session", null},
    {"user@localhost failed", null},
    {"v1.2.3 build 4111111111111111.5", null},
    {"", ""},
  };

  @Test
  public void redactsTable() {
    for (String[] c : CASES) {
      String expected = c[1] == null ? c[0] : c[1];
      assertThat(c[0], Redactor.redact(c[0]), equalTo(expected));
    }
  }

  @Test
  public void nullStaysNull() {
    assertThat(Redactor.redact(null), equalTo(null));
  }

  @Test
  public void secretValueNeverSurvives() {
    String in = "login ok for jane.roe@corp.example password=Tr0ub4dor&3 apikey=QWERTY12345678";
    String out = Redactor.redact(in);
    assertThat(out, not(containsString("jane.roe")));
    assertThat(out, not(containsString("Tr0ub4dor")));
    assertThat(out, not(containsString("QWERTY12345678")));
    assertThat(out, containsString("password=[REDACTED:secret]"));
  }

  @Test
  public void megabyteInputsFinishLinearly() {
    String[] seeds = {"a", "1", "a@", "eyJ", "token=", "4 ", "x.", "-----BEGIN PRIVATE KEY-----"};
    for (String seed : seeds) {
      StringBuilder sb = new StringBuilder(1 << 20);
      while (sb.length() < (1 << 20)) {
        sb.append(seed);
      }
      String out = Redactor.redact(sb.toString());
      // the point is that this returns at all; size can only shrink or grow by markers
      assertThat(out.length(), lessThan((1 << 21)));
    }
  }
}
