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

  public IssueFilingConfig(
      String repo, String apiUrl, String tokenEnv, int maxAttempts, long backoffMillis, long minIntervalMillis) {
    this(repo, apiUrl, tokenEnv, maxAttempts, backoffMillis, minIntervalMillis,
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
    return new IssueFilingConfig(repo, apiUrl, tokenEnv, maxAttempts, backoffMillis, minIntervalMillis, source);
  }

  /** Drafts only, nothing filed. */
  public static IssueFilingConfig draftsOnly() {
    return new IssueFilingConfig("", "https://api.github.com", "GITHUB_TOKEN", 4, 1000, 1000);
  }

  public boolean files() {
    return !repo.isEmpty();
  }
}
