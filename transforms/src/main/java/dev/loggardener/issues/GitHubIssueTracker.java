package dev.loggardener.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link IssueTracker} over GitHub's REST API: lists open issues labelled {@code log-gardener}
 * (consistent, unlike the search API whose index lags behind a just-created issue), creates
 * issues and comments. Retries 5xx, 429 and rate-limit 403 answers with exponential backoff
 * (honouring {@code Retry-After}), and spaces calls by a minimum interval to stay within GitHub's
 * secondary rate limits.
 *
 * <p>{@link #nonBlocking} is what the pipeline uses: one attempt per call, no
 * sleeping and no pacing; an answer worth retrying throws {@link RetryLaterException} with the
 * server's {@code Retry-After}, and the filing stage retries later from a timer.
 */
public final class GitHubIssueTracker implements IssueTracker {
  static final String LABEL = "log-gardener";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 20;

  private final HttpClient http;
  private final String api;
  private final String repo;
  private final String token;
  private final int maxAttempts;
  private final long backoffMillis;
  private final long minIntervalMillis;
  private final boolean blocking;
  private long lastCallNanos;

  public GitHubIssueTracker(
      String apiUrl, String repo, String token, int maxAttempts, long backoffMillis, long minIntervalMillis) {
    this(apiUrl, repo, token, maxAttempts, backoffMillis, minIntervalMillis, true);
  }

  /** One attempt per call, never sleeping: retryable answers throw {@link RetryLaterException}. */
  public static GitHubIssueTracker nonBlocking(String apiUrl, String repo, String token) {
    return new GitHubIssueTracker(apiUrl, repo, token, 1, 0, 0, false);
  }

  private GitHubIssueTracker(
      String apiUrl,
      String repo,
      String token,
      int maxAttempts,
      long backoffMillis,
      long minIntervalMillis,
      boolean blocking) {
    this.blocking = blocking;
    if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
      throw new IllegalArgumentException("GitHub repository must be owner/name, not " + repo);
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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
          call("GET", "/repos/" + repo + "/issues?state=open&labels=" + LABEL + "&per_page=" + PAGE + "&page=" + page, null);
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
      JsonNode cs = call("GET", "/repos/" + repo + "/issues/" + issueNumber + "/comments?per_page=" + PAGE + "&page=" + page, null);
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
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(api + path))
              .timeout(Duration.ofSeconds(30))
              .header("Accept", "application/vnd.github+json")
              .header("X-GitHub-Api-Version", "2022-11-28")
              .header("User-Agent", "log-gardener");
      if (token != null && !token.isEmpty()) {
        b.header("Authorization", "Bearer " + token);
      }
      b.method(method, body == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> resp;
      try {
        resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted calling GitHub", e);
      } catch (IOException e) {
        if (!blocking) {
          throw new RetryLaterException("calling GitHub: " + e, -1, e);
        }
        last = e;
        sleep(backoff(attempt, null));
        continue;
      }
      int status = resp.statusCode();
      if (status >= 200 && status < 300) {
        return resp.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(resp.body());
      }
      boolean rateLimited = status == 429 || (status == 403 && resp.headers().firstValue("x-ratelimit-remaining").orElse("1").equals("0"));
      last = new IOException("GitHub " + method + " " + path.replaceAll("\\?.*", "") + " answered " + status);
      if (status < 500 && !rateLimited) {
        throw last;
      }
      if (!blocking) {
        throw new RetryLaterException(
            last.getMessage(), retryAfterMillis(resp.headers().firstValue("retry-after").orElse(null)), last);
      }
      sleep(backoff(attempt, resp.headers().firstValue("retry-after").orElse(null)));
    }
    throw last;
  }

  /** {@code Retry-After} in seconds as milliseconds; -1 when absent or not a number. */
  static long retryAfterMillis(String retryAfter) {
    if (retryAfter != null && retryAfter.trim().matches("\\d{1,9}")) {
      return Long.parseLong(retryAfter.trim()) * 1000L;
    }
    return -1;
  }

  private long backoff(int attempt, String retryAfter) {
    if (retryAfter != null && retryAfter.matches("\\d{1,4}")) {
      return Long.parseLong(retryAfter) * 1000L;
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
