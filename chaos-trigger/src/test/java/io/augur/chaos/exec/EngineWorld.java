package io.augur.chaos.exec;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.ExperimentPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One engine test's world: a hand-moved clock and a sleeper that moves it, in-memory metrics for
 * the abort conditions and for health, a {@link TestExecutor}, a journal and an outcome log in a
 * temp dir.
 */
final class EngineWorld {
  static final String LATENCY_Q = "max(checkout:latency_seconds:p99{job=\"checkout\"})";
  static final String ERRORS_Q = "sum(rate(errors_total[1m])) > 0";

  /** Crossed for 3s (p99 above 0.5s) aborts. */
  static final AbortCondition LATENCY =
      new AbortCondition("latency-p99", LATENCY_Q, true, 0.5, Duration.ofSeconds(3));

  /** Any error aborts at once. */
  static final AbortCondition ERRORS = new AbortCondition("errors", ERRORS_Q, true, 10.0);

  static final String PLAN = "augur-latency-injection-checkout-1";

  final MutableClock clock = new MutableClock(Fixtures.T0);
  final AdvancingSleeper sleeper = new AdvancingSleeper(clock);
  final InMemoryMetricsSource metrics =
      new InMemoryMetricsSource().set(LATENCY_Q, 0.1).set(ERRORS_Q, 0.0);
  final InMemoryMetricsSource health =
      new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0);
  final TestExecutor executor = new TestExecutor("test", clock);
  final FaultJournal journal;
  final OutcomeLog outcomes;
  final List<String> lines = new ArrayList<>();
  final SafetyPolicy policy =
      SafetyPolicy.defaults(Set.of("prod"))
          .withWindows(List.of(), List.of())
          .withAbortConditions(List.of(LATENCY, ERRORS));

  EngineWorld(Path dir) {
    journal = new FaultJournal(dir.resolve("journal"));
    outcomes = new OutcomeLog(dir.resolve("outcomes.jsonl"));
  }

  SafetyGates gates() {
    return new SafetyGates(
        policy, new HealthGate(health), List.of(PreflightCheck.minReplicasForDestructive()), clock);
  }

  /**
   * A 60s latency injection on one of checkout's 4 pods (of 1000) in prod, with the policy's
   * triggers.
   */
  PlannedExperiment plan() {
    return plan("prod", false, List.of());
  }

  PlannedExperiment plan(String namespace, boolean requiresApproval, List<String> extraTriggers) {
    List<String> triggers =
        new ArrayList<>(policy.abortConditions().stream().map(AbortCondition::trigger).toList());
    triggers.addAll(extraTriggers);
    return planWith(namespace, requiresApproval, triggers);
  }

  /** The same plan with exactly these rollback triggers. */
  PlannedExperiment planWith(String namespace, boolean requiresApproval, List<String> triggers) {
    ExperimentPlan p =
        new ExperimentPlan(
            PLAN,
            List.of("checkout/checkout-0:8080"),
            namespace,
            ExperimentType.LATENCY_INJECTION.id(),
            "latency-degradation",
            60,
            0.001,
            List.of("checkout keeps serving"),
            triggers,
            Map.of("param.latency", "400ms"),
            requiresApproval,
            clock.millis());
    return new PlannedExperiment(
        p,
        ExperimentType.LATENCY_INJECTION,
        new Selection(namespace, Map.of("app", "checkout"), 4, 1000, null, null, null),
        List.of(RolloutStep.onePod()),
        0);
  }

  ExperimentEngine.Builder engine() {
    return ExperimentEngine.builder()
        .gates(gates())
        .executor(executor)
        .metrics(metrics)
        .journal(journal)
        .outcomes(outcomes)
        .clock(clock)
        .sleeper(sleeper)
        .watchInterval(Duration.ofSeconds(1))
        .listener((id, phase, detail) -> lines.add(phase + " " + detail));
  }

  Instant at(int seconds) {
    return Fixtures.T0.plusSeconds(seconds);
  }

  long ms(int seconds) {
    return at(seconds).toEpochMilli();
  }
}
