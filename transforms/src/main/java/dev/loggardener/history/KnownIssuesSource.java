package dev.loggardener.history;

import java.io.Serializable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known-issues registry as a worker sees it: the copy read when the pipeline was built, and,
 * for a streaming job, a fresh read of the same file every few minutes, so marking an issue
 * resolved in the file takes effect without restarting the job. A failed re-read keeps the last
 * good registry (logged), so a half-written file never blanks every tracking issue.
 */
public final class KnownIssuesSource implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(KnownIssuesSource.class);

  private final String path;
  private final long reloadMillis;
  private KnownIssues current;
  private transient long loadedAtMillis;

  private KnownIssuesSource(String path, KnownIssues initial, long reloadMillis) {
    this.path = path;
    this.current = initial;
    this.reloadMillis = reloadMillis;
  }

  /** A registry that never changes (batch runs, tests). */
  public static KnownIssuesSource fixed(KnownIssues registry) {
    return new KnownIssuesSource("", registry == null ? KnownIssues.empty() : registry, 0);
  }

  /** The registry read from {@code path} now, re-read every {@code reloadMillis} (0: never). */
  public static KnownIssuesSource reloading(String path, long reloadMillis) {
    return new KnownIssuesSource(path, KnownIssues.read(path), reloadMillis);
  }

  public KnownIssues current() {
    long now = System.currentTimeMillis();
    if (loadedAtMillis == 0) {
      loadedAtMillis = now;
    } else if (reloadMillis > 0 && !path.isEmpty() && now - loadedAtMillis >= reloadMillis) {
      loadedAtMillis = now;
      try {
        current = KnownIssues.read(path);
      } catch (RuntimeException e) {
        LOG.warn(
            "Keeping the previous known-issues registry; re-reading {} failed: {}",
            path,
            e.toString());
      }
    }
    return current;
  }
}
