package dev.loggardener.sqlcheck;

import com.google.zetasql.LanguageOptions;
import com.google.zetasql.Parser;
import com.google.zetasql.parser.ASTNodes.ASTIdentifier;
import com.google.zetasql.parser.ASTNodes.ASTScript;
import com.google.zetasql.parser.ASTNodes.ASTStatement;
import com.google.zetasql.parser.ASTNodes.ASTVariableDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQL file parsed as a BigQuery script by ZetaSQL, BigQuery's own (GoogleSQL) parser, plus the
 * script rules the parser leaves to BigQuery's analyzer: every {@code DECLARE} comes before any
 * other statement. Parsing checks syntax only, so names of tables and columns are not resolved (the
 * files use placeholders such as {@code @PROJECT@}).
 */
final class BigQueryScript {
  private final List<ASTStatement> statements;

  private BigQueryScript(List<ASTStatement> statements) {
    this.statements = statements;
  }

  /**
   * Parses {@code sql}; throws ZetaSQL's {@code SqlException}, with line and column, if it is not
   * valid.
   */
  static BigQueryScript parse(String sql) {
    ASTScript script = Parser.parseScript(sql, languageOptions());
    return new BigQueryScript(script.getStatementListNode().getStatementList());
  }

  /** Every language feature on: the files may use anything BigQuery accepts (QUALIFY, ...). */
  static LanguageOptions languageOptions() {
    LanguageOptions options = new LanguageOptions();
    options.enableMaximumLanguageFeatures();
    options.setSupportsAllStatementKinds();
    return options;
  }

  int statementCount() {
    return statements.size();
  }

  /**
   * The 1-based positions of the {@code DECLARE} statements that follow another kind of statement;
   * BigQuery rejects such a script ("Variable declarations are allowed only at the start of a block
   * or script").
   */
  List<Integer> misplacedDeclarations() {
    List<Integer> out = new ArrayList<>();
    boolean otherSeen = false;
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) instanceof ASTVariableDeclaration) {
        if (otherSeen) {
          out.add(i + 1);
        }
      } else {
        otherSeen = true;
      }
    }
    return out;
  }

  /** The names of the script's variables, as declared. */
  List<String> variables() {
    List<String> out = new ArrayList<>();
    for (ASTStatement s : statements) {
      if (s instanceof ASTVariableDeclaration) {
        for (ASTIdentifier id :
            ((ASTVariableDeclaration) s).getVariableList().getIdentifierList()) {
          out.add(id.getIdString());
        }
      }
    }
    return out;
  }
}
