package io.augur.domain;

import java.util.List;
import java.util.Map;

/**
 * A chaos experiment the planner proposes: where, what, for how long, how success is judged, when
 * to roll back, and the evidence that chose it.
 *
 * @param experimentType a catalogue entry, e.g. "pod-kill", "memory-stress"
 * @param blastRadius the estimated share of traffic or pods affected, 0..1
 */
public record ExperimentPlan(
    String id,
    List<String> targets,
    String namespace,
    String experimentType,
    String failureMode,
    long durationSeconds,
    double blastRadius,
    List<String> successCriteria,
    List<String> rollbackTriggers,
    Map<String, String> evidence,
    boolean requiresApproval,
    long createdAtMs) {

  public ExperimentPlan {
    Checks.nonBlank("id", id);
    targets = List.copyOf(Checks.noNullElements("targets", targets));
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must not be empty (plan " + id + ")");
    }
    Checks.nonBlank("namespace", namespace);
    Checks.nonBlank("experimentType", experimentType);
    failureMode = failureMode == null || failureMode.isBlank() ? "unknown" : failureMode;
    if (durationSeconds <= 0) {
      throw new IllegalArgumentException("durationSeconds must be > 0, got " + durationSeconds);
    }
    Checks.probability("blastRadius", blastRadius);
    successCriteria =
        List.copyOf(
            Checks.noNullElements(
                "successCriteria", successCriteria == null ? List.of() : successCriteria));
    rollbackTriggers =
        List.copyOf(
            Checks.noNullElements(
                "rollbackTriggers", rollbackTriggers == null ? List.of() : rollbackTriggers));
    evidence = Map.copyOf(Checks.noNullEntries("evidence", evidence == null ? Map.of() : evidence));
    Checks.nonNegative("createdAtMs", createdAtMs);
  }
}
