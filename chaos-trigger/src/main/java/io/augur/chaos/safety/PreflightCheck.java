package io.augur.chaos.safety;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.domain.Checks;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A check run just before a plan is approved; failing one defers the experiment. A check may
 * instead find something a named human may accept ({@link Finding#humanMayAccept()}): the gates
 * then ask for approval (NEEDS_APPROVAL) and let the plan through only with a person's name. A
 * caller that only reads {@link #failure} sees such a finding as a failure, so it fails closed.
 */
@FunctionalInterface
public interface PreflightCheck {
  /** Null or empty when the check passes, else why it fails. */
  String failure(PlannedExperiment planned, long nowMs);

  /** What a check found: why it objects, and whether a named human approver may accept it. */
  record Finding(String reason, boolean humanMayAccept) {
    public Finding {
      Checks.nonBlank("reason", reason);
    }
  }

  /** Null when the check passes; by default every failure defers and no human can accept it. */
  default Finding find(PlannedExperiment planned, long nowMs) {
    String f = failure(planned, nowMs);
    return f == null || f.isBlank() ? null : new Finding(f, false);
  }

  /**
   * Destructive experiments (pods taken down) need at least two replicas, so the service stays up.
   */
  static PreflightCheck minReplicasForDestructive() {
    return (p, now) ->
        p.type().destructive() && p.selection().targetPods() < 2
            ? "pre-flight: "
                + p.type().id()
                + " needs >= 2 replicas of "
                + p.plan().targets()
                + ", found "
                + p.selection().targetPods()
            : null;
  }

  /** No second experiment on a target while one is running on it. */
  static PreflightCheck noRunningExperiment(ExperimentHistory history) {
    return (p, now) ->
        p.plan().targets().stream()
            .filter(t -> history.runningAt(t, now))
            .findFirst()
            .map(t -> "pre-flight: an experiment is already running on " + t)
            .orElse(null);
  }

  /**
   * No second experiment on a service while one is running on any of its pods: the check reads the
   * plan's {@code app} selector (the service it selects pods of) against the history's running
   * experiments, then its targets as {@link #noRunningExperiment} does.
   */
  static PreflightCheck noRunningExperimentOnService(ExperimentHistory history) {
    return (p, now) -> {
      String service = p.selection().labels().get("app");
      if (service != null) {
        var r = history.runningOnService(service, now);
        if (r.isPresent()) {
          return "pre-flight: experiment "
              + r.get().planId()
              + " is still running on service "
              + service
              + " (until its outcome arrives or "
              + java.time.Instant.ofEpochMilli(r.get().untilMs())
              + ")";
        }
      }
      return noRunningExperiment(history).failure(p, now);
    };
  }

  /**
   * Never inject into what Augur already expects to fail on its own: a target whose predicted
   * failure probability is above {@code ceiling} needs a human approver; an unknown probability
   * defers (see {@link PredictedFailureCeiling}).
   */
  static PreflightCheck predictedFailureCeilingFrom(
      Function<String, OptionalDouble> probabilityOfTarget, double ceiling) {
    return new PredictedFailureCeiling(probabilityOfTarget, ceiling);
  }

  /**
   * The same, reading Augur's per-component gauge from Prometheus ({@link
   * PredictedFailureCeiling#DEFAULT_QUERY}).
   */
  static PreflightCheck predictedFailureCeiling(MetricsSource metrics, double ceiling) {
    return new PredictedFailureCeiling(
        PredictedFailureCeiling.fromGauge(metrics, PredictedFailureCeiling.DEFAULT_QUERY), ceiling);
  }
}
