package dev.loggardener.issues;

import java.io.Serializable;

/**
 * Where and how to file issues: a GitHub repository (empty: write drafts only), the API base URL,
 * the environment variable holding the token, and the retry and pacing settings.
 */
public final class IssueFilingConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String repo;
  public final String apiUrl;
  public final String tokenEnv;
  public final int maxAttempts;
  public final long backoffMillis;
  public final long minIntervalMillis;

  /** Where workers read the token; the environment variable {@link #tokenEnv} by default. */
  public final TokenSource tokenSource;

  /** Filings (each a few tracker calls) per minute the whole job may make; 0: unbounded. */
  public final double filingsPerMinute;

  /** How many workers may run the filing step at once: the global rate is split among them. */
  public final int workers;

  /** How long one tracker call may take before it is given up and the filing retried later. */
  public final java.time.Duration timeout;

  public IssueFilingConfig(
      String repo,
      String apiUrl,
      String tokenEnv,
      int maxAttempts,
      long backoffMillis,
      long minIntervalMillis) {
    this(
        repo,
        apiUrl,
        tokenEnv,
        maxAttempts,
        backoffMillis,
        minIntervalMillis,
        TokenSource.environment(tokenEnv));
  }

  public IssueFilingConfig(
      String repo,
      String apiUrl,
      String tokenEnv,
      int maxAttempts,
      long backoffMillis,
      long minIntervalMillis,
      TokenSource tokenSource) {
    this(
        repo,
        apiUrl,
        tokenEnv,
        maxAttempts,
        backoffMillis,
        minIntervalMillis,
        tokenSource,
        0,
        1,
        GitHubIssueTracker.DEFAULT_TIMEOUT);
  }

  private IssueFilingConfig(
      String repo,
      String apiUrl,
      String tokenEnv,
      int maxAttempts,
      long backoffMillis,
      long minIntervalMillis,
      TokenSource tokenSource,
      double filingsPerMinute,
      int workers,
      java.time.Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the tracker call timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    this.filingsPerMinute = Math.max(0, filingsPerMinute);
    this.workers = Math.max(1, workers);
    this.repo = repo == null ? "" : repo;
    this.apiUrl = apiUrl;
    this.tokenEnv = tokenEnv;
    this.maxAttempts = maxAttempts;
    this.backoffMillis = backoffMillis;
    this.minIntervalMillis = minIntervalMillis;
    this.tokenSource = tokenSource;
  }

  /** The same settings with the token read from {@code source}. */
  public IssueFilingConfig withTokenSource(TokenSource source) {
    return new IssueFilingConfig(
        repo,
        apiUrl,
        tokenEnv,
        maxAttempts,
        backoffMillis,
        minIntervalMillis,
        source,
        filingsPerMinute,
        workers,
        timeout);
  }

  /**
   * The same settings with at most {@code globalFilingsPerMinute} filings a minute over the job,
   * shared out evenly among at most {@code workers} workers.
   */
  public IssueFilingConfig withRateBound(double globalFilingsPerMinute, int workers) {
    return new IssueFilingConfig(
        repo,
        apiUrl,
        tokenEnv,
        maxAttempts,
        backoffMillis,
        minIntervalMillis,
        tokenSource,
        globalFilingsPerMinute,
        workers,
        timeout);
  }

  /** The same settings with each tracker call given up after {@code callTimeout}. */
  public IssueFilingConfig withTimeout(java.time.Duration callTimeout) {
    return new IssueFilingConfig(
        repo,
        apiUrl,
        tokenEnv,
        maxAttempts,
        backoffMillis,
        minIntervalMillis,
        tokenSource,
        filingsPerMinute,
        workers,
        callTimeout);
  }

  /** One worker's share of the global rate; 0: unbounded. */
  public double perWorkerFilingsPerMinute() {
    return filingsPerMinute / workers;
  }

  /** Drafts only, nothing filed. */
  public static IssueFilingConfig draftsOnly() {
    return new IssueFilingConfig("", "https://api.github.com", "GITHUB_TOKEN", 4, 1000, 1000);
  }

  public boolean files() {
    return !repo.isEmpty();
  }
}
