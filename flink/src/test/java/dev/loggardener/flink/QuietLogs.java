package dev.loggardener.flink;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Flink's mini-cluster logs thousands of INFO lines per job; tests only need warnings. */
final class QuietLogs {
  private QuietLogs() {}

  static void warningsOnly() {
    Logger root = Logger.getLogger("");
    root.setLevel(Level.WARNING);
    for (Handler h : root.getHandlers()) {
      h.setLevel(Level.WARNING);
    }
  }
}
