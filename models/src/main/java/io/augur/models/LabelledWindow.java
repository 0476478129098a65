package io.augur.models;

import io.augur.domain.Checks;
import io.augur.fleet.FailureMode;

/**
 * A training example: a window and whether its component failed within the horizon after the
 * window's end.
 *
 * @param mode the failure mode when known (null for normal windows or unknown modes)
 * @param failureTimeMs when the failure happened, when known (null otherwise)
 */
public record LabelledWindow(
    ComponentWindow window, boolean failing, FailureMode mode, Long failureTimeMs) {
  public LabelledWindow {
    Checks.nonNull("window", window);
    if (!failing && (mode != null || failureTimeMs != null)) {
      throw new IllegalArgumentException(
          "a normal window carries no mode or failureTimeMs, got " + mode + ", " + failureTimeMs);
    }
  }

  public static LabelledWindow normal(ComponentWindow w) {
    return new LabelledWindow(w, false, null, null);
  }

  public static LabelledWindow failing(ComponentWindow w, FailureMode mode, Long failureTimeMs) {
    return new LabelledWindow(w, true, mode, failureTimeMs);
  }
}
