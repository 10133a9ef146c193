package dev.loggardener.pipeline.cli;

import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.signature.Signature;
import dev.loggardener.signature.Signer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code gardener signature}: reads standard input and prints exactly one line per input line, in
 * order: the signature id, a tab, the signature. With {@code --format=lines} (the default) each
 * line is a message; with {@code --format=logentry} each line is a LogEntry JSON object whose
 * message is extracted as the pipeline does (an unusable line prints {@code -}, a tab and the
 * reason, so the line count still matches).
 */
public final class SignatureCommand {
  private SignatureCommand() {}

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    String format = "lines";
    for (String a : args) {
      if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else if (a.equals("--help") || a.equals("-h")) {
        out.println("usage: gardener signature [--format=lines|logentry] < input");
        return 0;
      } else {
        err.println("unknown argument: " + a);
        return 2;
      }
    }
    if (!format.equals("lines") && !format.equals("logentry")) {
      err.println("--format must be lines or logentry, not " + format);
      return 2;
    }
    boolean logEntries = format.equals("logentry");
    Signer signer = new Signer();
    LogEntryParser parser = logEntries ? new LogEntryParser() : null;
    try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        BufferedWriter writer =
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.write(signLine(line, signer, parser));
        writer.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  static String signLine(String line, Signer signer, LogEntryParser parser) {
    String message = line;
    if (parser != null) {
      ParseOutcome outcome = parser.parse(line);
      if (!outcome.isOk()) {
        return "-\t<" + outcome.reason() + ">";
      }
      message = outcome.entry().message();
    }
    Signature s = signer.sign(message);
    // The template may span lines (stack frames); one output line per input line is the contract.
    return s.id() + "\t" + s.template().replace("\r", "\\r").replace("\n", "\\n");
  }
}
