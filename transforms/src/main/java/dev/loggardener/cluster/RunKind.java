package dev.loggardener.cluster;

/**
 * The {@code run_kind} of a row: how the run that wrote it counted (see {@code clusters_latest}).
 * Written as the constant's name; {@link #UNSET} is written as NULL, as BigQuery holds it for rows
 * written before the column existed.
 */
public enum RunKind {
  /** Before the run is stamped, or read from a row without the column. */
  UNSET(""),
  /** A stream: counts what arrives while it runs; a relaunch counts what it did not. */
  STREAM("STREAM"),
  /** A batch run: recounts the windows of the export it reads. */
  BATCH("BATCH");

  private final String value;

  RunKind(String value) {
    this.value = value;
  }

  /** The column value: the constant's name, empty for {@link #UNSET}. */
  public String value() {
    return value;
  }

  /**
   * The constant whose column value is {@code value}; {@link #UNSET} for empty, null or unknown.
   */
  public static RunKind parse(String value) {
    for (RunKind k : values()) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return UNSET;
  }

  /** The column value, so text that shows a row reads as before. */
  @Override
  public String toString() {
    return value;
  }
}
