package io.augur.chaos.plan;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.util.List;

/**
 * A plan with what the manifests need: the catalogue entry, the pods and the rollout. Not yet safe:
 * only {@code io.augur.chaos.safety.SafetyGates} turns it into something a manifest can be made from.
 *
 * @param affectedComponents downstream components the prediction names (collateral in the blast radius)
 */
public record PlannedExperiment(
    ExperimentPlan plan, ExperimentType type, Selection selection, List<RolloutStep> rollout, int affectedComponents) {
  public PlannedExperiment {
    Checks.nonNull("plan", plan);
    Checks.nonNull("type", type);
    Checks.nonNull("selection", selection);
    rollout = List.copyOf(Checks.noNullElements("rollout", rollout));
    if (rollout.isEmpty()) {
      throw new IllegalArgumentException("rollout must have at least one step (plan " + plan.id() + ")");
    }
    if (!type.id().equals(plan.experimentType())) {
      throw new IllegalArgumentException(
          "plan.experimentType \"" + plan.experimentType() + "\" does not match type " + type.id());
    }
    if (!selection.namespace().equals(plan.namespace())) {
      throw new IllegalArgumentException(
          "selection.namespace \"" + selection.namespace() + "\" differs from plan.namespace \"" + plan.namespace() + "\"");
    }
    if (affectedComponents < 0) {
      throw new IllegalArgumentException("affectedComponents must be >= 0, got " + affectedComponents);
    }
  }

  /** Share of the system's pods rollout step {@code i} touches, collateral included. */
  public double stepBlastRadius(RolloutStep step) {
    return Math.min(1.0, (step.podsHit() + (double) affectedComponents) / selection.systemPods());
  }

  /** The largest blast radius over the rollout: what the gates check. */
  public double maxBlastRadius() {
    return rollout.stream().mapToDouble(this::stepBlastRadius).max().orElse(1.0);
  }
}
