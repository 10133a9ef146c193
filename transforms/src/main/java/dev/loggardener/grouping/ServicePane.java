package dev.loggardener.grouping;

import dev.loggardener.cluster.ClusterStats;
import dev.loggardener.cluster.PaneTiming;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One firing of one service's window as the grouping stage sees it: the window and pane as values
 * (the stage keeps its state in the global window, where the element's own window and pane are no
 * longer those of the rows) and the latest stats of every fine cluster of the service in the window
 * so far, in signature-id order. Immutable.
 */
@DefaultCoder(ServicePaneCoder.class)
public final class ServicePane implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Processing order of a key's panes: event time of the window, then pane, then size. */
  static final Comparator<ServicePane> ORDER =
      Comparator.<ServicePane, Instant>comparing(p -> p.windowStart)
          .thenComparingLong(p -> p.paneIndex)
          .thenComparingLong(ServicePane::totalCount);

  public final String service;
  public final Instant windowStart;
  public final Instant windowEnd;
  public final long paneIndex;
  public final PaneTiming paneTiming;
  public final boolean isFinal;

  /** One per fine signature, in signature-id order. */
  public final List<ClusterStats> members;

  public ServicePane(
      String service,
      Instant windowStart,
      Instant windowEnd,
      long paneIndex,
      PaneTiming paneTiming,
      boolean isFinal,
      List<ClusterStats> members) {
    this.service = service;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
    List<ClusterStats> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(s -> s.sample().signatureId));
    this.members = Collections.unmodifiableList(sorted);
  }

  long totalCount() {
    long n = 0;
    for (ClusterStats s : members) {
      n += s.count();
    }
    return n;
  }
}
