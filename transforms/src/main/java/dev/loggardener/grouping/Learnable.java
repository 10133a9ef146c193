package dev.loggardener.grouping;

/**
 * Which templates take part in learning. A stack-trace signature ({@code Type: message | at frame |
 * ...}) already names its group by exception type and in-app frames, and the empty message has
 * nothing to vary; neither is generalized.
 */
final class Learnable {
  private Learnable() {}

  static boolean is(String template) {
    return !template.isEmpty()
        && !template.equals(dev.loggardener.signature.Signer.EMPTY_TEMPLATE)
        && !template.contains(" | at ");
  }
}
