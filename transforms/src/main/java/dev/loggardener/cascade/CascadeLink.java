package dev.loggardener.cascade;

import java.io.Serializable;
import java.util.Locale;

/**
 * One directed link of a cascade, "{@code to} is a symptom of {@code from}", with the evidence that
 * made it: how many of {@code to}'s sampled entries followed one of {@code from}'s on the same
 * instance within the cascade interval, the median lag, how often the order was the other way
 * round, how many traces the two share and a distinctive token they share. {@link #describe()} is
 * the sentence the rows and reports carry.
 */
public final class CascadeLink implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String fromService;
  public final String fromSignatureId;
  public final String toService;
  public final String toSignatureId;

  /** Sampled entries of {@code to} that followed an entry of {@code from} on the same instance. */
  public final int cooccurrences;

  /** Sampled entries of {@code to} that had an instance at all (the denominator). */
  public final int sampledEntries;

  /** The same count the other way round: entries of {@code from} that followed {@code to}. */
  public final int reverseCooccurrences;

  public final long medianLagMillis;
  public final long intervalSeconds;
  public final int sharedTraces;

  /** A shared distinctive token, or empty. */
  public final String sharedToken;

  CascadeLink(
      String fromService,
      String fromSignatureId,
      String toService,
      String toSignatureId,
      int cooccurrences,
      int sampledEntries,
      int reverseCooccurrences,
      long medianLagMillis,
      long intervalSeconds,
      int sharedTraces,
      String sharedToken) {
    this.fromService = fromService;
    this.fromSignatureId = fromSignatureId;
    this.toService = toService;
    this.toSignatureId = toSignatureId;
    this.cooccurrences = cooccurrences;
    this.sampledEntries = sampledEntries;
    this.reverseCooccurrences = reverseCooccurrences;
    this.medianLagMillis = medianLagMillis;
    this.intervalSeconds = intervalSeconds;
    this.sharedTraces = sharedTraces;
    this.sharedToken = sharedToken == null ? "" : sharedToken;
  }

  /** The evidence in one line, e.g. for the {@code cascade_evidence} column. */
  public String describe() {
    StringBuilder sb = new StringBuilder("follows ");
    if (!fromService.equals(toService)) {
      sb.append(fromService).append('/');
    }
    sb.append(fromSignatureId).append(':');
    String sep = " ";
    if (cooccurrences > 0) {
      sb.append(sep)
          .append(
              String.format(
                  Locale.ROOT,
                  "%d of %d sampled entries within %d s after it on the same instance "
                      + "(median lag %.1f s; the other order %d times)",
                  cooccurrences,
                  sampledEntries,
                  intervalSeconds,
                  medianLagMillis / 1000.0,
                  reverseCooccurrences));
      sep = "; ";
    }
    if (sharedTraces > 0) {
      sb.append(sep)
          .append(sharedTraces)
          .append(sharedTraces == 1 ? " shared trace" : " shared traces");
      sep = "; ";
    }
    if (!sharedToken.isEmpty()) {
      sb.append(sep).append("shared token ").append(sharedToken);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return fromService
        + "/"
        + fromSignatureId
        + " -> "
        + toService
        + "/"
        + toSignatureId
        + " ("
        + describe()
        + ")";
  }
}
