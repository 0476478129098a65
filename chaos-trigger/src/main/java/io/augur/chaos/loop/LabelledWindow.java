package io.augur.chaos.loop;

import io.augur.domain.Checks;
import java.util.Locale;

/**
 * A labelled span of one component's time line, for training: [startMs, endMs) was a failure (of
 * {@code failureMode}) or normal. {@code source} says where the label came from ("chaos" for
 * experiments); {@code planId} and {@code experimentType} trace it back.
 */
public record LabelledWindow(
    String component,
    long startMs,
    long endMs,
    Label label,
    String failureMode,
    String source,
    String planId,
    String experimentType) {

  public enum Label {
    FAILURE,
    NORMAL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Label fromId(String s) {
      try {
        return valueOf(Checks.nonBlank("label", s).trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("label must be failure or normal, got \"" + s + "\"", e);
      }
    }
  }

  public LabelledWindow {
    Checks.nonBlank("component", component);
    Checks.nonNegative("startMs", startMs);
    if (endMs <= startMs) {
      throw new IllegalArgumentException("endMs " + endMs + " must be after startMs " + startMs);
    }
    Checks.nonNull("label", label);
    failureMode =
        failureMode == null || failureMode.isBlank()
            ? (label == Label.NORMAL ? "none" : "unknown")
            : failureMode;
    Checks.nonBlank("source", source);
    planId = planId == null ? "" : planId;
    experimentType = experimentType == null ? "" : experimentType;
  }
}
