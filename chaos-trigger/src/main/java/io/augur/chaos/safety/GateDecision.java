package io.augur.chaos.safety;

import io.augur.chaos.experiment.PlannedExperiment;
import java.util.List;
import java.util.Optional;

/**
 * What the gates decided, and why. APPROVED carries the {@link ApprovedPlan}; NEEDS_APPROVAL waits
 * for a human ({@link SafetyGates#approve}); DEFERRED may pass later (health, time window,
 * pre-flight); REJECTED breaks the policy (namespace, blast radius, duration, missing abort
 * conditions).
 */
public record GateDecision(
    Status status,
    List<String> reasons,
    PlannedExperiment planned,
    HealthReport health,
    ApprovedPlan approvedPlan) {
  public enum Status {
    APPROVED,
    NEEDS_APPROVAL,
    DEFERRED,
    REJECTED
  }

  public GateDecision {
    reasons = List.copyOf(reasons);
    if ((status == Status.APPROVED) != (approvedPlan != null)) {
      throw new IllegalStateException(
          "an approved plan comes with APPROVED and only then, got " + status);
    }
  }

  public Optional<ApprovedPlan> approved() {
    return Optional.ofNullable(approvedPlan);
  }
}
