package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.RunResult.Verdict;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.ExperimentPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over generated plans, namespaces, health readings, approvals and executors, the engine injects
 * exactly when every gate passes at run time, and otherwise never calls inject. The rule is
 * recomputed here from the raw inputs, not read from the gates.
 */
class ExperimentEngineSafetyPropertyTest {
  private static final List<String> NAMESPACES =
      List.of("prod", "staging", "kube-system", "kube-public");
  private static final int CASES = 400;
  @TempDir Path dir;

  @Test
  void shouldInjectOnlyWhatEveryGateAndAPersonWhereNeededAllowAtRunTime() {
    SplittableRandom rnd = new SplittableRandom(16);
    Map<Verdict, Integer> seen = new EnumMap<>(Verdict.class);
    for (int i = 0; i < CASES; i++) {
      MutableClock clock = new MutableClock(Fixtures.T0);
      AdvancingSleeper sleeper = new AdvancingSleeper(clock);
      Set<String> allowed =
          rnd.nextBoolean() ? Set.of("prod", "kube-system") : Set.of("prod", "staging");
      SafetyPolicy policy =
          SafetyPolicy.defaults(allowed)
              .withWindows(List.of(), List.of())
              .withAbortConditions(List.of(EngineWorld.LATENCY, EngineWorld.ERRORS));
      double errorRatio = rnd.nextDouble() * 0.03; // health >= 0.8 iff <= 0.02
      InMemoryMetricsSource health =
          new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), errorRatio);
      SafetyGates gates = new SafetyGates(policy, new HealthGate(health), List.of(), clock);

      String ns = NAMESPACES.get(rnd.nextInt(NAMESPACES.size()));
      boolean requiresApproval = rnd.nextInt(3) == 0;
      long duration = rnd.nextInt(8) == 0 ? 601 + rnd.nextInt(100) : 1 + rnd.nextInt(5);
      List<String> triggers = new ArrayList<>();
      for (AbortCondition c : policy.abortConditions()) {
        if (rnd.nextInt(8) > 0) {
          triggers.add(c.trigger());
        }
      }
      String approver =
          switch (rnd.nextInt(4)) {
            case 0 -> "alice";
            case 1 -> "policy"; // not a person: approve() refuses it
            default -> null;
          };
      TestExecutor executor = new TestExecutor("test", clock);
      executor.unsupported = rnd.nextInt(10) == 0 ? "tool missing" : null;

      ExperimentPlan plan =
          new ExperimentPlan(
              "p-" + i,
              List.of("svc/svc-0"),
              ns,
              ExperimentType.LATENCY_INJECTION.id(),
              "unknown",
              duration,
              0.001,
              List.of(),
              triggers,
              Map.of(),
              requiresApproval,
              clock.millis());
      PlannedExperiment planned =
          new PlannedExperiment(
              plan,
              ExperimentType.LATENCY_INJECTION,
              new Selection(ns, Map.of("app", "svc"), 4, 1000, null, null, null),
              List.of(RolloutStep.onePod()),
              0);
      Path d = dir.resolve("case-" + i);
      RunResult r =
          ExperimentEngine.builder()
              .gates(gates)
              .executor(executor)
              .metrics(new InMemoryMetricsSource().set(EngineWorld.LATENCY_Q, 0.1))
              .approvals((id, now) -> Optional.ofNullable(approver))
              .journal(new FaultJournal(d.resolve("journal")))
              .outcomes(new OutcomeLog(d.resolve("outcomes.jsonl")))
              .clock(clock)
              .sleeper(sleeper)
              .watchInterval(Duration.ofSeconds(1))
              .build()
              .run(planned);
      seen.merge(r.verdict(), 1, Integer::sum);

      boolean mayRun =
          allowed.contains(ns)
              && !ns.startsWith("kube-")
              && duration <= 600
              && triggers.size() == policy.abortConditions().size()
              && errorRatio <= 0.02
              && (!requiresApproval || "alice".equals(approver))
              && executor.unsupported == null;
      String where =
          "case "
              + i
              + ": ns="
              + ns
              + " allowed="
              + allowed
              + " duration="
              + duration
              + " triggers="
              + triggers.size()
              + " errorRatio="
              + errorRatio
              + " approval="
              + requiresApproval
              + "/"
              + approver
              + " unsupported="
              + executor.unsupported
              + " -> "
              + r.verdict()
              + " "
              + r.reason();
      assertEquals(mayRun ? 1 : 0, executor.count("inject"), where);
      if (mayRun) {
        assertEquals(Verdict.PASSED, r.verdict(), where);
        assertTrue(
            executor.calls.contains(
                "inject p-" + i + " approved by " + (requiresApproval ? "alice" : "policy")),
            where);
      } else {
        assertEquals(Verdict.REFUSED, r.verdict(), where);
        assertNotEquals("", r.reason(), where);
      }
    }
    assertTrue(
        seen.getOrDefault(Verdict.PASSED, 0) > CASES / 20,
        "generator should reach runs, saw " + seen);
    assertTrue(
        seen.getOrDefault(Verdict.REFUSED, 0) > CASES / 4,
        "generator should reach refusals, saw " + seen);
  }
}
