package dev.loggardener.report;

/**
 * Makes log-derived text safe inside a Mermaid flowchart: node ids keep only letters and digits,
 * and labels are quoted with Mermaid's entity codes for the characters that could end the label or
 * open markup, so a pattern cannot add nodes, links or click handlers to the diagram.
 */
public final class MermaidText {
  private MermaidText() {}

  public static String nodeId(String signatureId) {
    return "n" + signatureId.replaceAll("[^A-Za-z0-9]", "");
  }

  /** A quoted label: {@code "text"} with quotes, angle brackets and ampersands as entities. */
  public static String label(String text) {
    String t = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '"':
          sb.append("#quot;");
          break;
        case '<':
          sb.append("#lt;");
          break;
        case '>':
          sb.append("#gt;");
          break;
        case '&':
          sb.append("#amp;");
          break;
        case '#':
          sb.append("#35;");
          break;
        case '`':
          sb.append("#96;");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
