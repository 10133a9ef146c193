package dev.loggardener.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of strings capped at a fixed size that keeps the greatest values in natural order. Keeping
 * an order-defined subset (rather than the first ones seen) makes the result independent of the
 * order entries arrive in; for Cloud Run revision names ({@code svc-00042-abc}) the greatest are
 * the newest, which is what a reader wants to see.
 */
public final class BoundedSortedSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int cap;
  private final int maxLength;
  private final TreeSet<String> values = new TreeSet<>();

  public BoundedSortedSet(int cap, int maxLength) {
    this.cap = cap;
    this.maxLength = maxLength;
  }

  public int cap() {
    return cap;
  }

  public int maxLength() {
    return maxLength;
  }

  public void add(String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    String v = value.length() > maxLength ? value.substring(0, maxLength) : value;
    if (values.size() < cap) {
      values.add(v);
    } else if (v.compareTo(values.first()) > 0 && !values.contains(v)) {
      values.pollFirst();
      values.add(v);
    }
  }

  public void addAll(Iterable<String> vs) {
    for (String v : vs) {
      add(v);
    }
  }

  public void merge(BoundedSortedSet other) {
    addAll(other.values);
  }

  public int size() {
    return values.size();
  }

  /** Ascending order. */
  public List<String> toList() {
    return new ArrayList<>(values);
  }
}
