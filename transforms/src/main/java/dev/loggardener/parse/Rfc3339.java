package dev.loggardener.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A small RFC 3339 timestamp parser for the hot path: {@code
 * yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)}, with 't'/'z' and a space separator accepted as RFC 3339
 * allows. Hand-written because {@code DateTimeFormatter} costs several allocations per call and
 * this runs once per log entry. Fraction digits beyond nine are ignored; a leap second (:60) is
 * read as :59.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /** Parses {@code s} or throws {@link DateTimeException} with a short reason. */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 20) {
      throw new DateTimeException("too short");
    }
    int year = digits(s, 0, 4);
    expect(s, 4, '-');
    int month = digits(s, 5, 2);
    expect(s, 7, '-');
    int day = digits(s, 8, 2);
    char t = s.charAt(10);
    if (t != 'T' && t != 't' && t != ' ') {
      throw new DateTimeException("expected 'T' at 10");
    }
    int hour = digits(s, 11, 2);
    expect(s, 13, ':');
    int minute = digits(s, 14, 2);
    expect(s, 16, ':');
    int second = digits(s, 17, 2);
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start < 9) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int count = i - start;
      if (count == 0) {
        throw new DateTimeException("empty fraction");
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (i >= n) {
      throw new DateTimeException("missing offset");
    }
    int offsetSeconds;
    char c = s.charAt(i);
    if (c == 'Z' || c == 'z') {
      offsetSeconds = 0;
      i++;
    } else if (c == '+' || c == '-') {
      if (i + 6 > n) {
        throw new DateTimeException("bad offset");
      }
      int oh = digits(s, i + 1, 2);
      expect(s, i + 3, ':');
      int om = digits(s, i + 4, 2);
      if (oh > 23 || om > 59) {
        throw new DateTimeException("bad offset");
      }
      offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
      i += 6;
    } else {
      throw new DateTimeException("bad offset");
    }
    if (i != n) {
      throw new DateTimeException("trailing characters");
    }
    if (hour > 23 || minute > 59 || second > 60) {
      throw new DateTimeException("time out of range");
    }
    if (second == 60) {
      second = 59;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long epochSecond = epochDay * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static int digits(String s, int at, int count) {
    if (at + count > s.length()) {
      throw new DateTimeException("too short");
    }
    int v = 0;
    for (int i = at; i < at + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("expected digit at " + i);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void expect(String s, int at, char c) {
    if (s.charAt(at) != c) {
      throw new DateTimeException("expected '" + c + "' at " + at);
    }
  }
}
