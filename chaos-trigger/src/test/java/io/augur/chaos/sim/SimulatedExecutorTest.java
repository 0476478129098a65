package io.augur.chaos.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.ExperimentEngine;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.exec.RunResult;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedExecutorTest {
  private static final String NS = "demo";
  private static final List<ExperimentType> TYPES =
      List.of(
          ExperimentType.LATENCY_INJECTION,
          ExperimentType.MEMORY_STRESS,
          ExperimentType.CPU_SPIKE,
          ExperimentType.DEPENDENCY_FAILURE);

  @TempDir Path dir;

  private final SimulatedFleet fleet = SimulatedFleet.generate(42, 20, NS);
  private final SimulatedTime time = new SimulatedTime(Instant.parse("2026-01-05T10:00:00Z"));
  private final SimulatedExecutor executor = new SimulatedExecutor(fleet, time);
  private final SafetyPolicy policy = SafetyPolicy.defaults(Set.of(NS, "shop"));
  private int seq;

  private SafetyGates gates() {
    return new SafetyGates(
        policy,
        new HealthGate(fleet.metrics()),
        List.of(PreflightCheck.minReplicasForDestructive()),
        time);
  }

  private ExperimentEngine engine(FaultJournal journal, OutcomeLog log) {
    return ExperimentEngine.builder()
        .gates(gates())
        .executor(executor)
        .metrics(fleet.metrics())
        .journal(journal)
        .outcomes(log)
        .clock(time)
        .sleeper(time)
        .watchInterval(Duration.ofSeconds(5))
        .build();
  }

  private PlannedExperiment plan(
      String namespace, String service, ExperimentType type, int systemPods) {
    int pods = fleet.service(service) == null ? 3 : fleet.service(service).replicas();
    Selection sel =
        new Selection(namespace, Map.of("app", service), pods, systemPods, null, null, null);
    List<RolloutStep> rollout = List.of(RolloutStep.onePod());
    double blast = PlannedExperiment.blastRadius(sel, rollout.get(0), 0);
    ExperimentPlan p =
        new ExperimentPlan(
            "sim-" + type.id() + "-" + service + "-" + (++seq),
            List.of(service + "/" + service + "-0"),
            namespace,
            type.id(),
            "unknown",
            type.defaultDuration().toSeconds(),
            blast,
            List.of(service + " keeps serving"),
            policy.abortConditions().stream().map(AbortCondition::trigger).toList(),
            Map.of(),
            blast > policy.approvalAbove(),
            time.millis());
    return new PlannedExperiment(p, type, sel, rollout, 0);
  }

  @Test
  void shouldBreachEachServiceAsOftenAsItsHiddenFragilitySays() {
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    ExperimentEngine engine = engine(journal, log);
    // the three most fragile and three robust pairs among the non-destructive faults
    List<Map.Entry<String, ExperimentType>> pairs = new ArrayList<>();
    fleet.services().forEach(s -> TYPES.forEach(t -> pairs.add(Map.entry(s.name(), t))));
    pairs.sort(Comparator.comparingDouble(e -> -fleet.fragility(e.getKey(), e.getValue().id())));
    List<Map.Entry<String, ExperimentType>> chosen = new ArrayList<>(pairs.subList(0, 3));
    chosen.addAll(pairs.subList(pairs.size() - 3, pairs.size()));
    assertTrue(
        fleet.fragility(chosen.get(0).getKey(), chosen.get(0).getValue().id()) > 0.5,
        "the fleet hides weaknesses");
    int n = 150;
    List<RunResult> results = new ArrayList<>();
    for (var pair : chosen) {
      for (int i = 0; i < n; i++) {
        results.add(engine.run(plan(NS, pair.getKey(), pair.getValue(), fleet.totalPods())));
        time.advance(Duration.ofMinutes(1));
      }
    }
    Map<String, int[]> counts = new HashMap<>();
    for (ExperimentOutcome o : log.read().outcomes()) {
      int[] c =
          counts.computeIfAbsent(
              o.target().split("/")[0] + " " + o.experimentType(), k -> new int[2]);
      c[0]++;
      c[1] += o.status() == ExperimentOutcome.Status.PASSED ? 0 : 1;
    }
    for (var pair : chosen) {
      double p = fleet.fragility(pair.getKey(), pair.getValue().id());
      int[] c = counts.get(pair.getKey() + " " + pair.getValue().id());
      assertEquals(n, c[0], "one outcome per experiment in the real outcome log");
      double measured = c[1] / (double) n;
      double tolerance = 4 * Math.sqrt(p * (1 - p) / n) + 0.01;
      System.out.printf(
          java.util.Locale.ROOT,
          "simulated %s %s: hidden %.3f measured %.3f (n=%d)%n",
          pair.getKey(),
          pair.getValue().id(),
          p,
          measured,
          n);
      assertTrue(
          Math.abs(measured - p) <= tolerance, pair + ": measured " + measured + ", hidden " + p);
    }
    // everything reverted, nothing left in the journal, each fault verified gone
    assertEquals(0, fleet.activeFaults());
    assertEquals(List.of(), journal.read().faults());
    for (RunResult r : results) {
      assertFalse(r.leftOver(), r.experimentId());
      assertNotNull(r.revertedAtMs(), r.experimentId() + " " + r.verdict() + " " + r.reason());
    }
    assertEquals(6L * n, executor.injected());
  }

  @Test
  void shouldStillRefuseWhatTheSafetyGatesRefuse() {
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    ExperimentEngine engine = engine(journal, log);
    String svc = fleet.services().get(0).name();
    List<PlannedExperiment> refused =
        List.of(
            plan("kube-system", svc, ExperimentType.LATENCY_INJECTION, fleet.totalPods()),
            plan("payments-prod", svc, ExperimentType.LATENCY_INJECTION, fleet.totalPods()),
            plan(
                NS,
                svc,
                ExperimentType.LATENCY_INJECTION,
                10), // one pod of 10: 10 % blast radius, above the 5 % cap
            plan(
                "shop",
                svc,
                ExperimentType.LATENCY_INJECTION,
                fleet.totalPods())); // allowed, but not the fleet's
    for (PlannedExperiment p : refused) {
      RunResult r = engine.run(p);
      assertEquals(
          RunResult.Verdict.REFUSED, r.verdict(), p.plan().namespace() + ": " + r.reason());
    }
    assertEquals(0, executor.injected(), "nothing refused reached the fleet");
    assertEquals(0, fleet.activeFaults());
    assertEquals(List.of(), log.read().outcomes());
  }

  @Test
  void shouldShowABreachInTheServicesMetricsAndItsCallersUntilReverted() {
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    SimulatedFleet.Service caller =
        fleet.services().stream().filter(s -> !s.calls().isEmpty()).findFirst().orElseThrow();
    String callee = caller.calls().get(0);
    ExperimentType type =
        TYPES.stream()
            .max(Comparator.comparingDouble(t -> fleet.fragility(callee, t.id())))
            .orElseThrow();
    var q = fleet.metrics();
    String errors = "augur_sim_error_ratio{service=\"" + callee + "\"}";
    String callerErrors = "augur_sim_error_ratio{service=\"" + caller.name() + "\"}";
    double restCaller = q.query(callerErrors).getAsDouble();
    assertEquals(SimulatedFleet.REST_ERRORS, q.query(errors).getAsDouble(), 1e-12);
    boolean breached = false;
    for (int i = 0; i < 200 && !breached; i++) {
      GateDecision d = gates().evaluate(plan(NS, callee, type, fleet.totalPods()));
      assertEquals(GateDecision.Status.APPROVED, d.status(), d.reasons().toString());
      long before = executor.breaches();
      InjectedFault f = executor.inject(d.approvedPlan(), journal);
      try {
        breached = executor.breaches() > before;
        double e = q.query(errors).getAsDouble();
        if (breached) {
          assertTrue(e > 0.05, "a breach crosses the error-ratio abort threshold: " + e);
          assertEquals(
              restCaller + SimulatedFleet.CALLER_ERRORS,
              q.query(callerErrors).getAsDouble(),
              1e-9,
              "its caller " + caller.name() + " feels it");
        } else {
          assertTrue(
              e > SimulatedFleet.REST_ERRORS && e < 0.05,
              "a withstood fault is visible but within the SLO: " + e);
        }
      } finally {
        executor.revert(f, journal);
      }
      assertTrue(executor.verifyReverted(f));
    }
    assertTrue(
        breached,
        "fragility " + fleet.fragility(callee, type.id()) + " never breached in 200 tries");
    assertEquals(SimulatedFleet.REST_ERRORS, q.query(errors).getAsDouble(), 1e-12);
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldDrawTheSameFleetFromTheSameSeed() {
    SimulatedFleet again = SimulatedFleet.generate(42, 20, NS);
    assertEquals(fleet.services(), again.services());
    for (SimulatedFleet.Service s : fleet.services()) {
      assertTrue(s.replicas() >= 2 && s.replicas() <= 6, s.toString());
      for (ExperimentType t : ExperimentType.values()) {
        assertEquals(fleet.fragility(s.name(), t.id()), again.fragility(s.name(), t.id()));
      }
    }
    assertTrue(
        fleet.services().stream().anyMatch(s -> !s.calls().isEmpty()),
        "services depend on each other");
    assertFalse(fleet.weaknesses(0.5).isEmpty());
  }
}
