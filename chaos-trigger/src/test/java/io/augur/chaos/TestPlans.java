package io.augur.chaos;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.plan.ChaosPlanner;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankedTarget;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.chaos.targeting.TargetRanker;
import io.augur.chaos.targeting.Topology;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Approved plans for every catalogue entry, made the only way there is: through the gates. */
public final class TestPlans {
  private TestPlans() {}

  /**
   * A healthy world where {@code prod} is allowed and blast radius may reach 30% (explicit
   * override).
   */
  public static SafetyGates permissiveGates(Fixtures.MutableClock clock) {
    SafetyPolicy policy = SafetyPolicy.defaults(Set.of("prod")).withLimits(0.3, 0.3, true, 0.02);
    return new SafetyGates(
        policy,
        new HealthGate(
            new InMemoryMetricsSource()
                .set(io.augur.chaos.safety.HealthQuery.defaults().get(0).promql(), 0.0)),
        List.of(PreflightCheck.minReplicasForDestructive()),
        clock);
  }

  /** One approved plan of {@code type} on {@code checkout} (10 of 100 pods, on node-a). */
  public static ApprovedPlan approved(ExperimentType type) {
    Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T0);
    SafetyGates gates = permissiveGates(clock);
    FailurePrediction p =
        new FailurePrediction(
            "checkout/checkout-0:8080",
            Map.of(
                "replicas",
                "10",
                "namespace",
                "prod",
                "node",
                "node-a",
                "pod",
                "checkout-7d9f8-x2k4q"),
            Fixtures.T0.toEpochMilli(),
            0.8,
            Severity.MEDIUM,
            null,
            List.of(),
            "memory-leak",
            List.of(),
            List.of(),
            Map.of("a", 0.7, "b", 0.9),
            "m1");
    List<FailurePrediction> ps = new ArrayList<>(List.of(p));
    for (int i = 0; i < 9; i++) {
      ps.add(Fixtures.prediction("svc" + i + "/svc" + i + "-0", 0.1));
    }
    Topology topo = Topology.fromPredictions(ps, 10);
    RankedTarget t =
        new TargetRanker(RankingConfig.DEFAULT, clock)
            .rank(ps, new ExperimentHistory(), topo)
            .get(0);
    PlannedExperiment planned =
        new ChaosPlanner(gates.policy(), "default", clock).plan(t, type, topo, 1);
    GateDecision d = gates.evaluate(planned);
    return d.status() == GateDecision.Status.APPROVED
        ? d.approvedPlan()
        : gates.approve(planned, "tester");
  }
}
