package dev.loggardener.issues;

import java.io.IOException;

/**
 * A tracker call that may succeed later (a 5xx, a rate limit, a network error), thrown instead of
 * sleeping, so the caller can schedule the retry without holding a worker thread.
 */
public final class RetryLaterException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What the server asked for ({@code Retry-After}), in milliseconds; -1 when it did not say. */
  public final long retryAfterMillis;

  public RetryLaterException(String message, long retryAfterMillis, Throwable cause) {
    super(message, cause);
    this.retryAfterMillis = retryAfterMillis;
  }
}
