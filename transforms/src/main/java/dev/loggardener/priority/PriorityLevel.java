package dev.loggardener.priority;

/**
 * The {@code priority} column of a cluster row: {@code P0} (most urgent) to {@code P3}, or {@link
 * #UNSET} before a policy ranked the row. Written as the constant's name, empty for UNSET.
 */
public enum PriorityLevel {
  UNSET(""),
  P0("P0"),
  P1("P1"),
  P2("P2"),
  P3("P3");

  private final String value;

  PriorityLevel(String value) {
    this.value = value;
  }

  /** The column value: {@code "P0"} .. {@code "P3"}, empty for {@link #UNSET}. */
  public String value() {
    return value;
  }

  /** 0 for P0 … 3 for P3, and 4 for UNSET, so an unranked row sorts after every ranked one. */
  public int rank() {
    return Priority.rankOf(value);
  }

  /**
   * The constant whose column value is {@code value}; {@link #UNSET} for empty, null or unknown.
   */
  public static PriorityLevel parse(String value) {
    for (PriorityLevel p : values()) {
      if (p.value.equals(value)) {
        return p;
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
