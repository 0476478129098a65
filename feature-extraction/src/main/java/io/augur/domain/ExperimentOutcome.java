package io.augur.domain;

import java.util.Map;

/**
 * What an experiment found. PASSED: the target held its success criteria; FAILED: it broke them (a
 * found weakness, and a failure label for training); ABORTED: a rollback trigger or abort condition
 * stopped it.
 */
public record ExperimentOutcome(
    String planId,
    String target,
    String experimentType,
    String failureMode,
    Status status,
    long startedAtMs,
    long endedAtMs,
    Long recoveryTimeMs,
    boolean recoveredAutomatically,
    Map<String, Double> observations,
    String notes) {

  public enum Status {
    PASSED,
    FAILED,
    ABORTED
  }

  public ExperimentOutcome {
    Checks.nonBlank("planId", planId);
    Checks.nonBlank("target", target);
    Checks.nonBlank("experimentType", experimentType);
    failureMode = failureMode == null || failureMode.isBlank() ? "unknown" : failureMode;
    Checks.nonNull("status", status);
    Checks.nonNegative("startedAtMs", startedAtMs);
    if (endedAtMs < startedAtMs) {
      throw new IllegalArgumentException(
          "endedAtMs " + endedAtMs + " is before startedAtMs " + startedAtMs);
    }
    if (recoveryTimeMs != null && recoveryTimeMs < 0) {
      throw new IllegalArgumentException("recoveryTimeMs must be >= 0, got " + recoveryTimeMs);
    }
    observations =
        Map.copyOf(
            Checks.noNullEntries("observations", observations == null ? Map.of() : observations));
    for (Map.Entry<String, Double> e : observations.entrySet()) {
      Checks.finite("observations[" + e.getKey() + "]", e.getValue());
    }
    notes = notes == null ? "" : notes;
  }
}
