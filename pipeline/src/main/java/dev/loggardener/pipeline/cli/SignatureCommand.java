package dev.loggardener.pipeline.cli;

import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.signature.RuleBasedSigner;
import dev.loggardener.signature.Signature;
import dev.loggardener.signature.SignatureRule;
import dev.loggardener.signature.SignatureRules;
import dev.loggardener.signature.SignatureRulesException;
import dev.loggardener.signature.SignatureRulesFile;
import dev.loggardener.signature.Signer;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code gardener signature}: reads standard input and prints exactly one line per input line, in
 * order: the signature id, a tab, the signature. With {@code --format=lines} (the default) each
 * line is a message; with {@code --format=logentry} each line is a LogEntry JSON object whose
 * message is extracted as the pipeline does (an unusable line prints {@code -}, a tab and the
 * reason, so the line count still matches). With {@code --signatureRules=PATH} the user's rules
 * apply as in the pipeline (a bare line has no service or log, so only unscoped rules can match
 * it); an entry an ignore rule drops prints {@code -}, a tab and {@code <ignored:NAME>}.
 */
public final class SignatureCommand {
  private SignatureCommand() {}

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    String format = "lines";
    String rulesPath = "";
    boolean learn = false;
    for (String a : args) {
      if (a.equals("--learn")) {
        learn = true;
      } else if (a.equals("--list-rules")) {
        // the names scripts/signature-cross.py switches off one at a time
        for (String name : dev.loggardener.signature.NormalizerRule.names()) {
          out.println(name);
        }
        return 0;
      } else if (a.equals("--list-settings")) {
        // the learning stage's thresholds scripts/signature-cross.py chooses leave-one-out
        for (String line : dev.loggardener.grouping.LearnerSettings.describe()) {
          out.println(line);
        }
        return 0;
      } else if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else if (a.startsWith("--signatureRules=")) {
        rulesPath = a.substring("--signatureRules=".length());
      } else if (a.equals("--help") || a.equals("-h")) {
        out.println(
            "usage: gardener signature [--format=lines|logentry] [--signatureRules=PATH] [--learn]"
                + " [--list-rules] [--list-settings] < input");
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
    SignatureRules rules;
    try {
      if (rulesPath.contains("://")) {
        // gs:// and other schemes are registered from pipeline options.
        org.apache.beam.sdk.io.FileSystems.setDefaultPipelineOptions(
            org.apache.beam.sdk.options.PipelineOptionsFactory.create());
      }
      rules = SignatureRulesFile.read(rulesPath);
    } catch (SignatureRulesException e) {
      err.println(e.getMessage());
      return 2;
    }
    RuleBasedSigner signer = new RuleBasedSigner(new Signer(), rules);
    LogEntryParser parser = logEntries ? new LogEntryParser() : null;
    if (learn) {
      LearningRun run = new LearningRun();
      int threads = Runtime.getRuntime().availableProcessors();
      try (OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
          BatchSigner signing = new BatchSigner(threads, signer, parser, run::add)) {
        Utf8Lines lines = new Utf8Lines(in);
        String line;
        while ((line = lines.next()) != null) {
          signing.add(line);
        }
        signing.finish();
        run.write(buffered);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return 0;
    }
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
    return signLine(line, new RuleBasedSigner(signer, SignatureRules.none()), parser);
  }

  static String signLine(String line, RuleBasedSigner signer, LogEntryParser parser) {
    Object signed = sign(line, signer, parser);
    return signed instanceof String
        ? (String) signed
        : outputLine(((Signed) signed).id, ((Signed) signed).template);
  }

  /** The signature of one input line, or the output line of a line that has none. */
  static Object sign(String line, RuleBasedSigner signer, LogEntryParser parser) {
    String message = line;
    String service = null;
    String logId = null;
    String logName = null;
    if (parser != null) {
      ParseOutcome outcome = parser.parse(line);
      if (!outcome.isOk()) {
        return "-\t<" + outcome.reason() + ">";
      }
      message = outcome.entry().message();
      service = outcome.entry().service();
      logId = outcome.entry().logId();
      logName = outcome.entry().logName();
    }
    SignatureRule ignored = signer.rules().ignoreRuleFor(service, logId, logName, message);
    if (ignored != null) {
      return "-\t<ignored:" + ignored.name() + ">";
    }
    // a bare line holds no line break: the readers cut the input at them
    Signature s =
        parser == null ? signer.signLine(message) : signer.sign(service, logId, logName, message);
    return new Signed(service == null ? "" : service, s.id(), s.template());
  }

  static String outputLine(String id, String template) {
    // The template may span lines (stack frames); one output line per input line is the contract.
    return id + "\t" + template.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** A signed input line: its service (empty for a bare message), id and template. */
  static final class Signed {
    final String service;
    final String id;
    final String template;

    Signed(String service, String id, String template) {
      this.service = service;
      this.id = id;
      this.template = template;
    }
  }
}
