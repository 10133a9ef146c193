package dev.loggardener.issues;

/**
 * The tracker token as a worker holds it: read from its {@link TokenSource} on first use rather
 * than when the worker starts, kept, and read again after the tracker rejects it. A secret store
 * that is briefly unreachable, or a token rotated while the job runs, then costs a retry instead of
 * a worker that files nothing for the rest of its life.
 */
public final class LazyToken {
  private final TokenSource source;
  private String token;

  public LazyToken(TokenSource source) {
    this.source = source;
  }

  /** A fixed token (tests, the command line), never read again. */
  public static LazyToken of(String token) {
    String t = token == null ? "" : token;
    return new LazyToken(() -> t);
  }

  /**
   * The token, read from the source if not held. A source that fails throws {@link
   * RetryLaterException}: the call waits for a retry instead of going out without a token.
   */
  public synchronized String get() throws RetryLaterException {
    if (token == null) {
      try {
        String t = source.token();
        token = t == null ? "" : t;
      } catch (RuntimeException e) {
        // The message names the secret, never its value.
        throw new RetryLaterException("could not read the GitHub token: " + e.getMessage(), -1, e);
      }
    }
    return token;
  }

  /** Forgets the held token, so the next {@link #get} reads the source again. */
  public synchronized void invalidate() {
    token = null;
  }
}
