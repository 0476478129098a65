package io.augur.training.sources;

import io.augur.domain.Checks;
import io.augur.fleet.FailureMode;

/**
 * A labelled span of one component's time line: a window whose latest step lies in {@code [startMs,
 * endMs)} is failing (with {@code mode}, failure at {@code failureMs}), normal, or left out.
 *
 * @param mode the failure mode, when known (failing spans only)
 * @param failureMs when the failure happened (failing spans only; null: {@code endMs})
 * @param source where the label came from: {@code demo}, {@code chaos}
 */
public record LabelSpan(
    String component,
    long startMs,
    long endMs,
    Kind kind,
    FailureMode mode,
    Long failureMs,
    String source) {

  /** What a window ending in the span is. */
  public enum Kind {
    FAILING,
    NORMAL,
    /** Neither: e.g. a restart still inside the window. */
    EXCLUDED
  }

  public LabelSpan {
    Checks.nonBlank("component", component);
    if (endMs <= startMs) {
      throw new IllegalArgumentException(
          "endMs " + endMs + " must be after startMs " + startMs + " for " + component);
    }
    Checks.nonNull("kind", kind);
    Checks.nonBlank("source", source);
    if (kind != Kind.FAILING && (mode != null || failureMs != null)) {
      throw new IllegalArgumentException(
          "only a failing span carries a mode or failureMs, got " + kind);
    }
  }

  public boolean contains(long t) {
    return t >= startMs && t < endMs;
  }
}
