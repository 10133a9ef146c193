package dev.loggardener.signature;

/**
 * A signature rules file that cannot be used, with the file, the line and the problem in the
 * message ({@code rules.yaml:12: bad regex in rule 'x': Unclosed group near index 5}), so the
 * pipeline fails at construction with something a user can fix, not at the first entry.
 */
public final class SignatureRulesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  public SignatureRulesException(String file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** 1-based line of the problem, 0 when it concerns the whole file. */
  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
