package dev.loggardener.pipeline.io;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import dev.loggardener.issues.TokenSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the GitHub token from a Secret Manager secret version with the worker's service account:
 * the way to give a Dataflow job a token without putting it in the job's options or environment.
 * The filing step reads it on its first call and again after GitHub rejects it, so a version added
 * to the secret ({@code versions/latest}) replaces a revoked token without a restart.
 */
public final class SecretManagerTokenSource implements TokenSource {
  private static final long serialVersionUID = 1L;

  private final String secretVersion;

  /** {@code projects/P/secrets/S/versions/V} (V may be {@code latest}). */
  public SecretManagerTokenSource(String secretVersion) {
    if (!SecretVersionName.isParsableFrom(secretVersion)) {
      throw new IllegalArgumentException(
          "--githubTokenSecret must look like projects/P/secrets/S/versions/latest, not "
              + secretVersion);
    }
    this.secretVersion = secretVersion;
  }

  @Override
  public String token() {
    try (SecretManagerServiceClient client = SecretManagerServiceClient.create()) {
      return client.accessSecretVersion(secretVersion).getPayload().getData().toStringUtf8().trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + secretVersion, e);
    }
  }
}
