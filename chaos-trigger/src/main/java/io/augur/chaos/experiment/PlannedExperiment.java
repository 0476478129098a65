package io.augur.chaos.experiment;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.util.List;

/**
 * A plan with what the manifests need: the catalogue entry, the pods and the rollout. Not yet safe:
 * only {@code io.augur.chaos.safety.SafetyGates} turns it into something a manifest can be made
 * from.
 *
 * @param affectedComponents downstream components the prediction names (collateral in the blast
 *     radius)
 */
public record PlannedExperiment(
    ExperimentPlan plan,
    ExperimentType type,
    Selection selection,
    List<RolloutStep> rollout,
    int affectedComponents) {
  public PlannedExperiment {
    Checks.nonNull("plan", plan);
    Checks.nonNull("type", type);
    Checks.nonNull("selection", selection);
    rollout = List.copyOf(Checks.noNullElements("rollout", rollout));
    if (rollout.isEmpty()) {
      throw new IllegalArgumentException(
          "rollout must have at least one step (plan " + plan.id() + ")");
    }
    if (!type.id().equals(plan.experimentType())) {
      throw new IllegalArgumentException(
          "plan.experimentType \"" + plan.experimentType() + "\" does not match type " + type.id());
    }
    if (!selection.namespace().equals(plan.namespace())) {
      throw new IllegalArgumentException(
          "selection.namespace \""
              + selection.namespace()
              + "\" differs from plan.namespace \""
              + plan.namespace()
              + "\"");
    }
    if (affectedComponents < 0) {
      throw new IllegalArgumentException(
          "affectedComponents must be >= 0, got " + affectedComponents);
    }
  }

  /**
   * What rollout step {@code step} touches: the larger of its share of the system's pods
   * (collateral included) and, when the service's traffic share is known, its share of the traffic.
   */
  public double stepBlastRadius(RolloutStep step) {
    return blastRadius(selection, step, affectedComponents);
  }

  public static double blastRadius(Selection selection, RolloutStep step, int affectedComponents) {
    double pods =
        Math.min(1.0, (step.podsHit() + (double) affectedComponents) / selection.systemPods());
    double traffic =
        selection.trafficShare() == null
            ? 0.0
            : selection.trafficShare()
                * Math.min(1.0, step.podsHit() / (double) selection.targetPods());
    return Math.max(pods, traffic);
  }

  /** The largest blast radius over the rollout: what the gates check. */
  public double maxBlastRadius() {
    return rollout.stream().mapToDouble(this::stepBlastRadius).max().orElse(1.0);
  }
}
