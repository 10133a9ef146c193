package dev.loggardener.benchmarks;

import dev.loggardener.redact.Redactor;
import dev.loggardener.signature.Signature;
import dev.loggardener.signature.Signer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Writes what the redactor and the signer make of every message of a corpus, one line per message:
 * {@code redacted<TAB>id<TAB>template}. Two builds that write the same file treat those messages
 * the same, which is how a speed change is shown to be a pure refactor (see {@code
 * scripts/signature-equivalence.sh}). It uses only the public API, so it also runs against the
 * classes of an older revision put first on the class path. In the corpus and the output, a
 * backslash, line feed, carriage return and tab are written {@code \\ \n \r \t}, so a multi-line
 * message (a stack trace) stays on one line.
 *
 * <pre>
 * java -cp [OLD_CLASSES:]benchmarks/target/benchmarks.jar dev.loggardener.benchmarks.SignerDump CORPUS OUT
 * </pre>
 */
public final class SignerDump {
  private SignerDump() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SignerDump CORPUS OUT");
      System.exit(2);
    }
    Signer signer = new Signer();
    try (BufferedReader in = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8);
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(Paths.get(args[1]), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String message = unescape(line);
        Signature signature = signer.sign(message);
        out.print(escape(Redactor.redact(message)));
        out.print('\t');
        out.print(signature.id());
        out.print('\t');
        out.print(escape(signature.template()));
        out.print('\n');
      }
    }
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        b.append(d == 'n' ? '\n' : d == 'r' ? '\r' : d == 't' ? '\t' : d);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }
}
