package dev.loggardener.pipeline.io;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * File names carrying the window start and the pane index, so a later pane of the same window never
 * overwrites an earlier one and a rerun over the same input rewrites the same names: {@code
 * clusters-20250916T0000Z-pane-0-00000-of-00001.jsonl}.
 */
public final class WindowedFileNaming implements FileIO.Write.FileNaming {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private final String prefix;
  private final String suffix;

  public WindowedFileNaming(String prefix, String suffix) {
    this.prefix = prefix;
    this.suffix = suffix;
  }

  @Override
  public String getFilename(
      BoundedWindow window, PaneInfo pane, int numShards, int shardIndex, Compression compression) {
    String windowPart =
        window instanceof IntervalWindow
            ? FILE_TIME.format(Instant.ofEpochMilli(((IntervalWindow) window).start().getMillis()))
            : "all";
    String panePart = pane == null ? "" : "-pane-" + pane.getIndex();
    return String.format(
        "%s-%s%s-%05d-of-%05d%s%s",
        prefix,
        windowPart,
        panePart,
        shardIndex,
        numShards,
        suffix,
        compression == null ? "" : compression.getSuggestedSuffix());
  }
}
