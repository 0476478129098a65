package io.augur.chaos.exec.local;

import io.augur.chaos.Fixtures;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.ExperimentPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Approved plans for the host faults' tests, made the only way there is (through {@code
 * SafetyGates}): {@link TestPlans#approved}'s plan with its own id, duration and {@code param.*}
 * evidence.
 */
final class HostFaultPlans {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private HostFaultPlans() {}

  static ApprovedPlan approved(
      ExperimentType type, long durationSeconds, Map<String, String> params) {
    PlannedExperiment base = TestPlans.approved(type).planned();
    ExperimentPlan p = base.plan();
    Map<String, String> evidence = new LinkedHashMap<>(p.evidence());
    params.forEach((k, v) -> evidence.put(FaultParams.PREFIX + k, v));
    String id =
        "hf-" + type.id() + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    ExperimentPlan plan =
        new ExperimentPlan(
            id,
            p.targets(),
            p.namespace(),
            p.experimentType(),
            p.failureMode(),
            durationSeconds,
            p.blastRadius(),
            p.successCriteria(),
            p.rollbackTriggers(),
            evidence,
            p.requiresApproval(),
            p.createdAtMs());
    PlannedExperiment planned =
        new PlannedExperiment(
            plan, type, base.selection(), base.rollout(), base.affectedComponents());
    return TestPlans.permissiveGates(new Fixtures.MutableClock(Fixtures.T0))
        .approve(planned, "tester");
  }

  /** The name a local binding must have to be this plan's target. */
  static String target(ApprovedPlan plan) {
    return plan.planned().plan().targets().get(0);
  }

  static FaultParams params(ApprovedPlan plan) {
    return FaultParams.of(plan);
  }

  /** Bindings with one target named like the plan's. */
  static LocalTargets targets(LocalTarget t) {
    return new LocalTargets(List.of(t));
  }
}
