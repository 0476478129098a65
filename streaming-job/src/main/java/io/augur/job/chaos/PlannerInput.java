package io.augur.job.chaos;

import io.augur.domain.ExperimentOutcome;

/**
 * What the planner hears besides predictions, exactly one of: an experiment's outcome (from the
 * outcome log), a health reading (from the poller) or a service's replica count (from the samples).
 */
public record PlannerInput(ExperimentOutcome outcome, HealthReading health, ReplicaCount replicas) {
  public PlannerInput {
    int n = (outcome == null ? 0 : 1) + (health == null ? 0 : 1) + (replicas == null ? 0 : 1);
    if (n != 1) {
      throw new IllegalArgumentException(
          "a planner input holds exactly one of outcome, health, replicas; got " + n);
    }
  }

  public static PlannerInput of(ExperimentOutcome o) {
    return new PlannerInput(o, null, null);
  }

  public static PlannerInput of(HealthReading h) {
    return new PlannerInput(null, h, null);
  }

  public static PlannerInput of(ReplicaCount r) {
    return new PlannerInput(null, null, r);
  }
}
