package dev.loggardener.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the {@code Content} column of every Loghub-2k structured CSV in a directory, so that
 * benchmarks run on real log lines from several systems rather than on a hand-picked mix. The
 * directory is {@code -Dloghub.dir=…}, else {@code ../shared/bench/loghub-2k} relative to the
 * working directory (the repository root). Files are read in name order so every run sees the same
 * sequence. The CSVs are RFC 4180 with no line breaks inside cells.
 */
final class LoghubMessages {
  static final String DEFAULT_DIR = "../shared/bench/loghub-2k";

  private LoghubMessages() {}

  /** The messages, or an empty list when the directory or its CSVs are missing. */
  static List<String> load() {
    Path dir = Paths.get(System.getProperty("loghub.dir", DEFAULT_DIR));
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> csvs = Files.newDirectoryStream(dir, "*.csv")) {
      csvs.forEach(files::add);
    } catch (IOException e) {
      return out;
    }
    files.sort(null);
    for (Path f : files) {
      try {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
          continue;
        }
        int col = parse(lines.get(0)).indexOf("Content");
        if (col < 0) {
          continue;
        }
        for (String line : lines.subList(1, lines.size())) {
          List<String> cells = parse(line);
          if (col < cells.size()) {
            out.add(cells.get(col));
          }
        }
      } catch (IOException e) {
        // an unreadable file is skipped; the fallback covers an empty result
      }
    }
    return out;
  }

  /** Splits one CSV record; quoted cells may hold commas and doubled quotes. */
  static List<String> parse(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
