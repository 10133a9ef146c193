package dev.loggardener.signature;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Throwaway benchmark driver (test tree only): reads one message per stdin line and prints {@code
 * id<TAB>template}, like the bundled jar's {@code signature} subcommand, so the accuracy script can
 * be exercised before that subcommand exists.
 */
public final class SignCli {
  private SignCli() {}

  public static void main(String[] args) throws Exception {
    Signer signer = new Signer();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      Signature s = signer.sign(line);
      out.write(s.id());
      out.write('\t');
      out.write(s.template());
      out.write('\n');
    }
    out.flush();
  }
}
