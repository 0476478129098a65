package io.augur.chaos.planfile;

import io.augur.chaos.catalogue.ExperimentType;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Checks for plan fields; every message names the field and the value. */
final class Fields {
  /** Plan ids end up in file names, fault ids and Kubernetes names. */
  static final Pattern PLAN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,119}");

  private Fields() {}

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException("field " + field + " is missing");
    }
    return value;
  }

  static String planId(String field, String id) {
    present(field, id);
    if (!PLAN_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "field "
              + field
              + " must be 1-120 characters of [A-Za-z0-9._-] starting "
              + "alphanumeric, got "
              + quote(id));
    }
    return id;
  }

  static ExperimentType type(String field, String id) {
    try {
      return ExperimentType.fromId(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field " + field + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a record's constructor; its message (which names the record's field) gets {@code where} in
   * front.
   */
  static <T> T build(String where, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m != null && m.startsWith("field ") ? m : where + ": " + m, e);
    }
  }

  static String quote(Object v) {
    return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
