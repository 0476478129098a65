package io.augur.domain;

import java.util.Collection;
import java.util.Map;

/**
 * Argument checks shared by the domain records; every message names the field and the offending
 * value.
 */
public final class Checks {
  private Checks() {}

  public static String nonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty, got " + quote(value));
    }
    return value;
  }

  public static <T> T nonNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number, got " + value);
    }
    return value;
  }

  public static double probability(String field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(field + " must be within [0, 1], got " + value);
    }
    return value;
  }

  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  public static <T extends Collection<?>> T noNullElements(String field, T values) {
    nonNull(field, values);
    int i = 0;
    for (Object v : values) {
      if (v == null) {
        throw new IllegalArgumentException(field + "[" + i + "] must not be null");
      }
      i++;
    }
    return values;
  }

  public static <K, V> Map<K, V> noNullEntries(String field, Map<K, V> values) {
    nonNull(field, values);
    for (Map.Entry<K, V> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            field + " must not hold null keys or values, got " + e.getKey() + "=" + e.getValue());
      }
    }
    return values;
  }

  static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
