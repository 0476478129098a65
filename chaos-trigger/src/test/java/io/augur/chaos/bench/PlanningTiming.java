package io.augur.chaos.bench;

import io.augur.chaos.Fixtures;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.ManifestWriter;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.plan.PlanningRound;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A plain timing harness (not JMH: the benchmarks module is not this module's): one planning round
 * over N components with a history of N/2 outcomes, and YAML rendering of a Workflow. Prints the
 * median of 7 timed runs after 5 warm-ups. Usage: PlanningTiming [components].
 */
public final class PlanningTiming {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    SplittableRandom rnd = new SplittableRandom(1);
    List<FailurePrediction> ps = new ArrayList<>();
    ExperimentHistory history = new ExperimentHistory();
    long t0 = Fixtures.T0.toEpochMilli();
    for (int i = 0; i < n; i++) {
      double p = rnd.nextDouble();
      ps.add(
          new FailurePrediction(
              "svc" + i + "/svc" + i + "-0:8080",
              Map.of("replicas", "4"),
              t0,
              p,
              Severity.of(p),
              null,
              List.of(),
              "memory-leak",
              List.of(),
              List.of(),
              Map.of("a", rnd.nextDouble(), "b", rnd.nextDouble(), "c", p),
              "m"));
      if (i % 2 == 0) {
        long s = t0 - rnd.nextLong(7 * 86_400_000L);
        history.add(
            new ExperimentOutcome(
                "p" + i,
                "svc" + i + "/svc" + i + "-0:8080",
                "pod-kill",
                "unknown",
                ExperimentOutcome.Status.PASSED,
                s,
                s + 60_000,
                1000L,
                true,
                Map.of(),
                ""));
      }
    }
    Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T0);
    InMemoryMetricsSource healthy = new InMemoryMetricsSource();
    HealthQuery.defaults().forEach(q -> healthy.set(q.promql(), 0.0));
    SafetyGates gates =
        new SafetyGates(
            SafetyPolicy.defaults(Set.of("default")),
            new HealthGate(healthy),
            List.of(
                PreflightCheck.minReplicasForDestructive(),
                PreflightCheck.noRunningExperiment(history)),
            clock);
    PlanningRound round = new PlanningRound(RankingConfig.DEFAULT, gates, "default", 4, clock);
    double[] roundMs = time(() -> round.run(ps, history, 10));
    PlanningRound.Result r = round.run(ps, history, 10);
    List<ApprovedPlan> approved = new ArrayList<>();
    for (GateDecision d : r.decisions()) {
      approved.add(
          d.approvedPlan() != null ? d.approvedPlan() : gates.approve(d.planned(), "bench"));
    }
    ChaosMeshManifests mesh = new ChaosMeshManifests(WorkflowOptions.DEFAULT);
    double[] yamlMs =
        time(() -> ManifestWriter.yaml(mesh.workflow("bench", approved, List.of("up"))));
    System.out.printf(
        "components=%d planning round (rank+plan 10+gate) median %.2f ms (min %.2f, max %.2f)%n",
        n, roundMs[1], roundMs[0], roundMs[2]);
    System.out.printf(
        "workflow of %d plans to YAML median %.3f ms (min %.3f, max %.3f)%n",
        approved.size(), yamlMs[1], yamlMs[0], yamlMs[2]);
  }

  private static double[] time(Runnable r) {
    for (int i = 0; i < 5; i++) {
      r.run();
    }
    double[] ms = new double[7];
    for (int i = 0; i < ms.length; i++) {
      long s = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return new double[] {ms[0], ms[3], ms[6]};
  }
}
