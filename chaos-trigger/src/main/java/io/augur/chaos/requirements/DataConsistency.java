package io.augur.chaos.requirements;

import java.util.Locale;

/**
 * What data consistency a component promises under faults. STRONG: no outcome may report {@code
 * consistency_violations} above 0; EVENTUAL: none may report {@code
 * consistency_violations_after_recovery} above 0; NONE: not checked.
 */
public enum DataConsistency {
  STRONG,
  EVENTUAL,
  NONE;

  public static DataConsistency parse(String s) {
    if (s == null || s.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "dataConsistency must be strong, eventual or none, got \"" + s + "\"", e);
    }
  }
}
