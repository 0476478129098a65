package io.augur.chaos.approval;

import io.augur.chaos.Fixtures;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.ExperimentPlan;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans that need a person, and gates over a health source the test sets. */
final class QueueFixtures {
  static final SafetyPolicy POLICY =
      SafetyPolicy.defaults(Set.of("prod")).withWindows(List.of(), List.of());
  static final String ERROR_RATIO = HealthQuery.defaults().get(0).promql();

  private QueueFixtures() {}

  /** A latency plan on {@code svc/svc-0} in {@code namespace} that asks for a human approver. */
  static PlannedExperiment plan(String id, String namespace) {
    ExperimentType type = ExperimentType.LATENCY_INJECTION;
    List<String> triggers = POLICY.abortConditions().stream().map(AbortCondition::trigger).toList();
    ExperimentPlan plan =
        new ExperimentPlan(
            id,
            List.of("svc/svc-0"),
            namespace,
            type.id(),
            "latency-creep",
            120,
            0.004,
            List.of("svc keeps serving"),
            triggers,
            Map.of("rank", "1", "rollout", "one pod"),
            true,
            Fixtures.T0.toEpochMilli());
    return new PlannedExperiment(
        plan,
        type,
        new Selection(namespace, Map.of("app", "svc"), 4, 1000, "node-a", "svc-0", 0.01),
        List.of(RolloutStep.onePod(), RolloutStep.percentOf(50, 4)),
        1);
  }

  /** A one-pod CPU plan on {@code svc/svc-0} that needs no one by itself (blast radius 0.001). */
  static PlannedExperiment smallPlan(String id) {
    ExperimentType type = ExperimentType.CPU_SPIKE;
    List<String> triggers = POLICY.abortConditions().stream().map(AbortCondition::trigger).toList();
    ExperimentPlan plan =
        new ExperimentPlan(
            id,
            List.of("svc/svc-0"),
            "prod",
            type.id(),
            "cpu-saturation",
            60,
            0.001,
            List.of(),
            triggers,
            Map.of(),
            false,
            Fixtures.T0.toEpochMilli());
    return new PlannedExperiment(
        plan,
        type,
        new Selection("prod", Map.of("app", "svc"), 4, 1000, null, null, null),
        List.of(RolloutStep.onePod()),
        0);
  }

  static PlannedExperiment plan(String id) {
    return plan(id, "prod");
  }

  /** Healthy: error ratio 0; other signals have no series. */
  static InMemoryMetricsSource healthy() {
    return new InMemoryMetricsSource().set(ERROR_RATIO, 0.0);
  }

  static SafetyGates gates(InMemoryMetricsSource health, Clock clock) {
    return new SafetyGates(
        POLICY, new HealthGate(health), List.of(PreflightCheck.minReplicasForDestructive()), clock);
  }
}
