package dev.loggardener.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Reads a small configuration file (policy, rules, template) named by an option, from any Beam file
 * system — a local path or {@code gs://}. Read once when the pipeline is built, so workers receive
 * the parsed content and never need access to the file.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  public static String read(String path, PipelineOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    try {
      MatchResult.Metadata file = FileSystems.matchSingleFileSpec(path);
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage(), e);
    }
  }
}
