package dev.loggardener.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link IssueTracker} over GitHub's REST API: lists open issues labelled {@code log-gardener}
 * (consistent, unlike the search API whose index lags behind a just-created issue), creates issues
 * and comments. Retries 5xx, 429 and rate-limit 403 answers with exponential backoff (honouring
 * {@code Retry-After}), and spaces calls by a minimum interval to stay within GitHub's secondary
 * rate limits.
 *
 * <p>{@link #nonBlocking} is what the pipeline uses: one attempt per call, no sleeping and no
 * pacing; an answer worth retrying throws {@link RetryLaterException} with the delay the server
 * asked for, and the filing stage retries later from a timer. Worth retrying: any 5xx; any 429; a
 * 403 that carries {@code Retry-After}, or says the primary limit is spent ({@code
 * x-ratelimit-remaining: 0}, retried at {@code x-ratelimit-reset}), or names the secondary rate
 * limit (retried after a minute, as GitHub asks). The token is read on first use and read again
 * once when GitHub answers 401, so a rotated secret is picked up without a restart.
 */
public final class GitHubIssueTracker implements IssueTracker {
  static final String LABEL = "log-gardener";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 20;

  /** GitHub: after a secondary rate limit without {@code Retry-After}, wait at least a minute. */
  static final long SECONDARY_LIMIT_WAIT_MILLIS = 60_000L;

  /** How long one call may take, connecting included, unless the caller says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Connecting never waits longer than this, whatever the call's timeout. */
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final String api;
  private final String repo;
  private final LazyToken token;
  private final int maxAttempts;
  private final long backoffMillis;
  private final long minIntervalMillis;
  private final boolean blocking;
  private final Duration timeout;
  private long lastCallNanos;

  public GitHubIssueTracker(
      String apiUrl,
      String repo,
      String token,
      int maxAttempts,
      long backoffMillis,
      long minIntervalMillis) {
    this(
        apiUrl,
        repo,
        LazyToken.of(token),
        maxAttempts,
        backoffMillis,
        minIntervalMillis,
        true,
        DEFAULT_TIMEOUT);
  }

  /** One attempt per call, never sleeping: retryable answers throw {@link RetryLaterException}. */
  public static GitHubIssueTracker nonBlocking(String apiUrl, String repo, String token) {
    return nonBlocking(apiUrl, repo, LazyToken.of(token));
  }

  /** One attempt per call, never sleeping, the token read on first use and again after a 401. */
  public static GitHubIssueTracker nonBlocking(String apiUrl, String repo, LazyToken token) {
    return nonBlocking(apiUrl, repo, token, DEFAULT_TIMEOUT);
  }

  /**
   * As {@link #nonBlocking(String, String, LazyToken)}, each call given up after {@code timeout}
   * (connecting within the smaller of it and 10 s): a tracker that does not answer costs the filing
   * step that long per call before the filing is retried later.
   */
  public static GitHubIssueTracker nonBlocking(
      String apiUrl, String repo, LazyToken token, Duration timeout) {
    return new GitHubIssueTracker(apiUrl, repo, token, 1, 0, 0, false, timeout);
  }

  private GitHubIssueTracker(
      String apiUrl,
      String repo,
      LazyToken token,
      int maxAttempts,
      long backoffMillis,
      long minIntervalMillis,
      boolean blocking,
      Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the GitHub call timeout must be positive: " + timeout);
    }
    this.blocking = blocking;
    this.timeout = timeout;
    if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
      throw new IllegalArgumentException("GitHub repository must be owner/name, not " + repo);
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(
                timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
            .build();
    this.api = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.repo = repo;
    this.token = token;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.backoffMillis = backoffMillis;
    this.minIntervalMillis = minIntervalMillis;
  }

  @Override
  public Optional<OpenIssue> findOpenIssue(String marker) throws IOException {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode issues =
          call(
              "GET",
              "/repos/"
                  + repo
                  + "/issues?state=open&labels="
                  + LABEL
                  + "&per_page="
                  + PAGE
                  + "&page="
                  + page,
              null);
      for (JsonNode i : issues) {
        if (!i.has("pull_request") && i.path("body").asText("").contains(marker)) {
          return Optional.of(new OpenIssue(i.path("number").asLong(), i.path("body").asText("")));
        }
      }
      if (issues.size() < PAGE) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> comments(long issueNumber) throws IOException {
    List<String> out = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode cs =
          call(
              "GET",
              "/repos/"
                  + repo
                  + "/issues/"
                  + issueNumber
                  + "/comments?per_page="
                  + PAGE
                  + "&page="
                  + page,
              null);
      cs.forEach(c -> out.add(c.path("body").asText("")));
      if (cs.size() < PAGE) {
        break;
      }
    }
    return out;
  }

  @Override
  public long create(String title, String body, List<String> labels) throws IOException {
    ObjectNode req = JSON.createObjectNode();
    req.put("title", title);
    req.put("body", body);
    labels.forEach(req.putArray("labels")::add);
    return call("POST", "/repos/" + repo + "/issues", req).path("number").asLong();
  }

  @Override
  public void comment(long issueNumber, String body) throws IOException {
    ObjectNode req = JSON.createObjectNode();
    req.put("body", body);
    call("POST", "/repos/" + repo + "/issues/" + issueNumber + "/comments", req);
  }

  private JsonNode call(String method, String path, JsonNode body) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      pace();
      HttpResponse<String> resp;
      try {
        resp = send(method, path, body);
        if (resp.statusCode() == 401) {
          // The held token may have been rotated or revoked: read it again, once.
          token.invalidate();
          resp = send(method, path, body);
        }
      } catch (RetryLaterException e) {
        if (!blocking) {
          throw e;
        }
        last = e;
        sleep(backoff(attempt, -1));
        continue;
      } catch (IOException e) {
        if (!blocking) {
          throw new RetryLaterException("calling GitHub: " + e, -1, e);
        }
        last = e;
        sleep(backoff(attempt, -1));
        continue;
      }
      int status = resp.statusCode();
      if (status >= 200 && status < 300) {
        return resp.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(resp.body());
      }
      String what = "GitHub " + method + " " + path.replaceAll("\\?.*", "") + " answered " + status;
      long delay =
          retryDelayMillis(status, resp.headers(), resp.body(), System.currentTimeMillis());
      if (delay == PERMANENT) {
        throw new IOException(what);
      }
      last = new IOException(what);
      if (!blocking) {
        throw new RetryLaterException(what, delay, last);
      }
      sleep(backoff(attempt, delay));
    }
    throw last;
  }

  private HttpResponse<String> send(String method, String path, JsonNode body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "log-gardener");
    String t = token.get();
    if (!t.isEmpty()) {
      b.header("Authorization", "Bearer " + t);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling GitHub", e);
    }
  }

  /** {@link #retryDelayMillis}: an answer that will not change by asking again. */
  static final long PERMANENT = -2;

  /**
   * Whether and when to ask again after a failed answer: {@link #PERMANENT}, -1 (retry, the server
   * named no time: the caller backs off) or the milliseconds the server asked for.
   */
  static long retryDelayMillis(int status, HttpHeaders headers, String body, long nowMillis) {
    long retryAfter = retryAfterMillis(headers.firstValue("retry-after").orElse(null));
    boolean primarySpent =
        headers.firstValue("x-ratelimit-remaining").orElse("").trim().equals("0");
    long untilReset = -1;
    String reset = headers.firstValue("x-ratelimit-reset").orElse("").trim();
    if (reset.matches("\\d{1,12}")) {
      untilReset = Math.max(1000, Long.parseLong(reset) * 1000L - nowMillis);
    }
    if (status >= 500) {
      return retryAfter;
    }
    if (status == 429 || status == 403) {
      if (retryAfter >= 0) {
        return retryAfter;
      }
      if (primarySpent) {
        return untilReset >= 0 ? untilReset : SECONDARY_LIMIT_WAIT_MILLIS;
      }
      if (status == 429
          || (body != null && body.toLowerCase(java.util.Locale.ROOT).contains("rate limit"))) {
        return SECONDARY_LIMIT_WAIT_MILLIS;
      }
    }
    return PERMANENT;
  }

  /** {@code Retry-After} in seconds as milliseconds; -1 when absent or not a number. */
  static long retryAfterMillis(String retryAfter) {
    if (retryAfter != null && retryAfter.trim().matches("\\d{1,9}")) {
      return Long.parseLong(retryAfter.trim()) * 1000L;
    }
    return -1;
  }

  private long backoff(int attempt, long serverDelayMillis) {
    if (serverDelayMillis >= 0) {
      return serverDelayMillis;
    }
    return backoffMillis * (1L << Math.min(attempt - 1, 6));
  }

  private void pace() {
    if (!blocking) {
      return;
    }
    long wait = minIntervalMillis - (System.nanoTime() - lastCallNanos) / 1_000_000L;
    if (lastCallNanos != 0 && wait > 0) {
      sleep(wait);
    }
    lastCallNanos = System.nanoTime();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
