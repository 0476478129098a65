package io.augur.chaos.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.RecordingExecutor;
import io.augur.chaos.recovery.RecoveryRun;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The game day's timeline and its revert guarantees on a fake clock and a recording executor. */
class GameDayTest {
  private static final long T0 = Fixtures.T0.toEpochMilli();
  @TempDir Path dir;
  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T0);
  private final RecordingExecutor executor = new RecordingExecutor(clock);
  private final InMemoryMetricsSource metrics =
      new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0);
  private final List<String> lines = new ArrayList<>();

  private GameDay day(Set<String> namespaces, Sleeper sleeper) {
    SafetyGates gates =
        new SafetyGates(
            SafetyPolicy.defaults(namespaces).withWindows(List.of(), List.of()),
            new HealthGate(metrics),
            List.of(PreflightCheck.minReplicasForDestructive()),
            clock);
    RecoveryRun faults =
        new RecoveryRun(
            gates,
            executor,
            new FaultJournal(dir.resolve("journal")),
            CheckContext.of(metrics),
            metrics,
            clock,
            sleeper,
            null,
            lines::add);
    return new GameDay(
        faults,
        CheckContext.of(metrics),
        metrics,
        gates.policy().abortConditions(),
        clock,
        sleeper,
        lines::add);
  }

  private static Scenario scenario(String injectExtra) {
    return ScenarioFile.parse(
        "s.yaml",
        """
        name: drill
        interval: 500ms
        keyMetric: {name: errors, promql: errors}
        phases:
          - name: preparation
            duration: 2s
            actions: [{snapshot: {name: base, queries: {errors: errors}}}]
          - name: failure-injection
            duration: 3s
            actions:
              - inject: {name: lag, fault: latency-injection, target: orders%s}
                at: 1s
            validations: [{name: errors-seen, promql: errors}]
          - name: recovery
            duration: 2s
        """
            .formatted(injectExtra),
        Map.of());
  }

  @Test
  void shouldInjectAtItsOffsetAndRevertAtTheEndOfItsPhase() {
    metrics.set("errors", 3.0);
    GameDayResult r = day(Set.of("local"), d -> clock.advance(d)).run(scenario(""));

    assertEquals(GameDayResult.Status.PASSED, r.status(), r.violations() + " " + lines);
    assertEquals(
        T0 + 3000, executor.injectedAtMs, "2 s of preparation, then 1 s into failure-injection");
    assertEquals(T0 + 5000, executor.revertedAtMs, "reverted as failure-injection ended");
    assertEquals(
        List.of("preparation", "failure-injection", "recovery"),
        r.phases().stream().map(GameDayResult.PhaseRecord::name).toList());
    assertEquals(T0 + 7000, r.phases().get(2).endedAtMs());
    assertEquals(3.0, r.snapshots().get(0).values().get("errors"));
    assertTrue(r.faults().get(0).reverted());
    assertEquals(T0 + 2000, r.phases().get(1).validations().get(0).heldFromMs());
    assertEquals(1, GameDayReport.outcomes(r).size());
  }

  @Test
  void shouldRevertWhenInterruptedAndSayItWasStoppedBySignal() {
    metrics.set("errors", 3.0);
    // the "signal": an interrupt arriving while the fault is in effect
    Sleeper sleeper =
        d -> {
          clock.advance(d);
          if (executor.active) {
            throw new InterruptedException();
          }
        };
    GameDayResult r = day(Set.of("local"), sleeper).run(scenario(", until: recovery"));

    assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    assertEquals(GameDayResult.Status.ABORTED, r.status());
    assertTrue(r.abortReason().contains("interrupted"), r.abortReason());
    assertFalse(executor.active, "the fault was reverted");
    assertTrue(r.faults().get(0).reverted());
    assertEquals(2, r.phases().size(), "recovery never started");
    assertTrue(new FaultJournal(dir.resolve("journal")).read().faults().isEmpty());
  }

  @Test
  void shouldAbortWithoutTouchingAnythingWhenTheGatesRefuseTheInjection() {
    GameDayResult r = day(Set.of("production-only"), d -> clock.advance(d)).run(scenario(""));

    assertEquals(GameDayResult.Status.ABORTED, r.status());
    assertTrue(
        r.abortReason()
            .startsWith("cannot inject latency-injection into orders (action lag): safety gates:"),
        r.abortReason());
    assertEquals(List.of(), executor.calls);
    assertTrue(r.faults().isEmpty());
  }
}
