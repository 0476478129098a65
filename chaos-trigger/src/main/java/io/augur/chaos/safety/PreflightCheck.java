package io.augur.chaos.safety;

import io.augur.chaos.plan.PlannedExperiment;
import io.augur.chaos.targeting.ExperimentHistory;

/** A check run just before a plan is approved; failing one defers the experiment. */
@FunctionalInterface
public interface PreflightCheck {
  /** Null or empty when the check passes, else why it fails. */
  String failure(PlannedExperiment planned, long nowMs);

  /** Destructive experiments (pods taken down) need at least two replicas, so the service stays up. */
  static PreflightCheck minReplicasForDestructive() {
    return (p, now) -> p.type().destructive() && p.selection().targetPods() < 2
        ? "pre-flight: " + p.type().id() + " needs >= 2 replicas of " + p.plan().targets() + ", found "
            + p.selection().targetPods()
        : null;
  }

  /** No second experiment on a target while one is running on it. */
  static PreflightCheck noRunningExperiment(ExperimentHistory history) {
    return (p, now) -> p.plan().targets().stream().filter(t -> history.runningAt(t, now)).findFirst()
        .map(t -> "pre-flight: an experiment is already running on " + t).orElse(null);
  }
}
