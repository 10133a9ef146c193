package dev.loggardener.pipeline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loggardener.pipeline.sample.CloudRunHourGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

/**
 * {@code gardener generate}: writes a synthetic Cloud Run export (the bundled sample's kind of data
 * at any size), as a gcloud JSON array or as NDJSON, for demos and benchmarks.
 */
public final class GenerateCommand {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GenerateCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    String output = null;
    int entries = 1000;
    long seed = 20250916L;
    int signatures = 0;
    double tailShare = 0.10;
    String format = "json";
    double errorRatio = -1; // negative: the sample generator's fixed mix
    String service = "netra-backend-staging";
    Instant hour = Instant.parse("2025-09-16T01:00:00Z");
    for (String a : args) {
      String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
      if (a.startsWith("--output=")) {
        output = v;
      } else if (a.startsWith("--entries=")) {
        entries = Integer.parseInt(v);
      } else if (a.startsWith("--seed=")) {
        seed = Long.parseLong(v);
      } else if (a.startsWith("--signatures=")) {
        signatures = Integer.parseInt(v);
      } else if (a.startsWith("--tailShare=")) {
        tailShare = Double.parseDouble(v);
      } else if (a.startsWith("--errorRatio=")) {
        errorRatio = Double.parseDouble(v);
      } else if (a.startsWith("--format=")) {
        format = v;
      } else if (a.startsWith("--service=")) {
        service = v;
      } else if (a.startsWith("--hour=")) {
        hour = Instant.parse(v);
      } else {
        err.println("unknown argument: " + a);
        err.println(
            "usage: gardener generate --output=FILE [--entries=1000] [--seed=N] "
                + "[--signatures=K] [--tailShare=0.1] [--errorRatio=R] [--format=json|ndjson] [--service=NAME] "
                + "[--hour=2025-09-16T01:00:00Z]");
        return 2;
      }
    }
    if (output == null) {
      err.println("--output=FILE is required");
      return 2;
    }
    if (!format.equals("json") && !format.equals("ndjson")) {
      err.println("--format must be json or ndjson");
      return 2;
    }
    if (errorRatio >= 0) {
      return writeSynthetic(output, entries, seed, signatures, errorRatio, hour, out);
    }
    CloudRunHourGenerator generator = new CloudRunHourGenerator(service, hour, seed);
    Path path = Paths.get(output);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      if (format.equals("ndjson")) {
        final int[] failed = {0};
        generator.forEach(entries, signatures, tailShare, e -> writeLine(os, e, failed));
        if (failed[0] > 0) {
          throw new IOException("could not write " + output);
        }
      } else if (entries <= 200_000) {
        // Sorted newest first, as `gcloud logging read --format=json` prints.
        writeArray(os, generator.generate(entries, signatures, tailShare));
      } else {
        writeStreamedArray(os, generator, entries, signatures, tailShare);
      }
    }
    out.println("wrote " + entries + " entries to " + output);
    return 0;
  }

  /**
   * With {@code --errorRatio}: the synthetic source's entries 0..N-1 (one hot signature with half
   * the warnings and errors, a tail of {@code signatures} templates) spread over the hour, as
   * NDJSON, so a file run and a {@code --source=synthetic} run see the same kind of data.
   */
  private static int writeSynthetic(
      String output,
      int entries,
      long seed,
      int signatures,
      double errorRatio,
      Instant hour,
      PrintStream out)
      throws IOException {
    dev.loggardener.pipeline.sample.SyntheticLogEntries synthetic =
        dev.loggardener.pipeline.sample.SyntheticLogEntries.spanning(
            seed, signatures, errorRatio, entries, java.time.Duration.ofHours(1), hour);
    Path path = Paths.get(output);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      for (long i = 0; i < entries; i++) {
        os.write(synthetic.json(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        os.write('\n');
      }
    }
    out.println("wrote " + entries + " entries to " + output);
    return 0;
  }

  private static void writeLine(OutputStream os, ObjectNode e, int[] failed) {
    try {
      os.write(MAPPER.writeValueAsBytes(e));
      os.write('\n');
    } catch (IOException ex) {
      failed[0]++;
    }
  }

  private static void writeArray(OutputStream os, List<ObjectNode> entries) throws IOException {
    MAPPER.writer(new GcloudPrettyPrinter()).writeValue(nonClosing(os), entries);
    os.write('\n');
  }

  /** Indents as gcloud's --format=json does: two spaces, one element per line, "key": value. */
  static final class GcloudPrettyPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    GcloudPrettyPrinter() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    GcloudPrettyPrinter(GcloudPrettyPrinter base) {
      super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new GcloudPrettyPrinter(this);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }

  private static void writeStreamedArray(
      OutputStream os, CloudRunHourGenerator g, int entries, int signatures, double tailShare)
      throws IOException {
    try (JsonGenerator gen = MAPPER.getFactory().createGenerator(nonClosing(os))) {
      gen.setPrettyPrinter(new GcloudPrettyPrinter());
      gen.writeStartArray();
      IOException[] error = {null};
      g.forEach(
          entries,
          signatures,
          tailShare,
          e -> {
            try {
              MAPPER.writeTree(gen, e);
            } catch (IOException ex) {
              error[0] = ex;
            }
          });
      if (error[0] != null) {
        throw error[0];
      }
      gen.writeEndArray();
      gen.writeRaw('\n');
    }
  }

  private static OutputStream nonClosing(OutputStream os) {
    return new java.io.FilterOutputStream(os) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
