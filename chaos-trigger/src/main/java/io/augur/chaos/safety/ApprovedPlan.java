package io.augur.chaos.safety;

import io.augur.chaos.experiment.PlannedExperiment;

/**
 * A plan that passed every safety gate. Only {@link SafetyGates} can make one (the constructor is
 * package-private), and manifests are only generated from approved plans.
 */
public final class ApprovedPlan {
  private final PlannedExperiment planned;
  private final String approvedBy;
  private final long approvedAtMs;
  private final double health;

  ApprovedPlan(PlannedExperiment planned, String approvedBy, long approvedAtMs, double health) {
    this.planned = planned;
    this.approvedBy = approvedBy;
    this.approvedAtMs = approvedAtMs;
    this.health = health;
  }

  public PlannedExperiment planned() {
    return planned;
  }

  /** "policy" when no human approval was needed, else the approver's name. */
  public String approvedBy() {
    return approvedBy;
  }

  public long approvedAtMs() {
    return approvedAtMs;
  }

  /** System health when approved. */
  public double health() {
    return health;
  }
}
