package dev.loggardener.grouping;

/**
 * Which templates take part in learning among one-line messages. A stack-trace signature ({@code
 * Type: message | at frame | ...}) is learned apart, among traces of its own type and frames
 * ({@link TraceLearner}); the empty message has nothing to vary.
 */
final class Learnable {
  private Learnable() {}

  static boolean is(String template) {
    return !template.isEmpty()
        && !template.equals(dev.loggardener.signature.Signer.EMPTY_TEMPLATE)
        && !template.contains(" | at ");
  }
}
