package dev.loggardener.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Loads a signature rules file through Beam's {@link FileSystems}, so a local path and a {@code
 * gs://} object work alike. Called once at pipeline construction: the parsed rules travel inside
 * the DoFns, and a broken file fails the launch instead of the job.
 */
public final class SignatureRulesFile {
  /** Larger files are certainly a mistake (a log export passed by accident). */
  static final int MAX_BYTES = 1 << 20;

  private SignatureRulesFile() {}

  /** The rules in {@code path}; {@link SignatureRules#none()} when the path is null or blank. */
  public static SignatureRules read(String path) {
    if (path == null || path.isBlank()) {
      return SignatureRules.none();
    }
    byte[] bytes;
    try {
      MatchResult.Metadata file = FileSystems.matchSingleFileSpec(path);
      if (file.sizeBytes() > MAX_BYTES) {
        throw new SignatureRulesException(
            path, 0, "is " + file.sizeBytes() + " bytes; a rules file is at most " + MAX_BYTES);
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        bytes = in.readAllBytes();
      }
    } catch (IOException | IllegalArgumentException e) {
      if (e instanceof SignatureRulesException) {
        throw (SignatureRulesException) e;
      }
      throw new SignatureRulesException(path, 0, "cannot be read: " + e.getMessage());
    }
    return SignatureRulesParser.parse(path, new String(bytes, StandardCharsets.UTF_8));
  }
}
