package dev.loggardener.cluster;

/**
 * The {@code status} of a cluster row against its signature's history and the known-issues registry
 * (precedence and rules: {@code dev.loggardener.history.ClusterStatus}).
 */
public enum Status {
  /** Not classified yet (before history), or read from a row without the column. */
  UNSET(""),
  NEW("NEW"),
  ONGOING("ONGOING"),
  SPIKE("SPIKE"),
  REGRESSION("REGRESSION");

  private final String value;

  Status(String value) {
    this.value = value;
  }

  /** The column value: the constant's name, empty for {@link #UNSET}. */
  public String value() {
    return value;
  }

  /**
   * The constant whose column value is {@code value}; {@link #UNSET} for empty, null or unknown.
   */
  public static Status parse(String value) {
    for (Status s : values()) {
      if (s.value.equals(value)) {
        return s;
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
