package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.RunResult.Verdict;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.chaos.prom.PrometheusHttpSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's watch against a real Prometheus (scraping the test's own target every second), with
 * the test executor whose fault is a value the target exports: a condition with {@code for} fires
 * only after holding in Prometheus for that long, and a Prometheus that goes away mid-run aborts
 * the run (fail closed).
 */
@Tag("slow")
class ExperimentEnginePrometheusIT {
  private static final Duration INTERVAL = Duration.ofMillis(250);
  @TempDir Path dir;

  private RunResult run(PrometheusServer prometheus, TestExecutor executor, AbortCondition c) {
    PrometheusHttpSource metrics =
        new PrometheusHttpSource(
            prometheus.base(), Duration.ofSeconds(1), 1, Duration.ofMillis(50), Sleeper.REAL);
    SafetyPolicy policy =
        SafetyPolicy.defaults(Set.of("prod"))
            .withWindows(List.of(), List.of())
            .withAbortConditions(List.of(c));
    HealthGate health =
        new HealthGate(
            metrics,
            List.of(new HealthQuery("target-scraped", "1 - min(up{job=\"t\"})", 1.0, null)),
            HealthGate.MIN_THRESHOLD);
    EngineWorld w = new EngineWorld(dir);
    return ExperimentEngine.builder()
        .gates(new SafetyGates(policy, health, List.of(), Clock.systemUTC()))
        .executor(executor)
        .metrics(metrics)
        .journal(w.journal)
        .outcomes(w.outcomes)
        .watchInterval(INTERVAL)
        .timeout(Duration.ofMinutes(1))
        .listener(
            (id, phase, detail) ->
                System.out.println(System.currentTimeMillis() + " " + phase + " " + detail))
        .build()
        .run(w.planWith("prod", false, List.of(c.trigger())));
  }

  @Test
  void shouldAbortOnlyOnceTheConditionHasHeldInPrometheusForItsForDuration() throws Exception {
    try (TargetService target = new TargetService()) {
      TestExecutor executor = new TestExecutor("test", Clock.systemUTC());
      target.gauge("e2e_fault_active", () -> executor.active ? 1 : 0);
      try (PrometheusServer prometheus =
          PrometheusServer.start(dir, Map.of("t", target.hostPort()))) {
        AbortCondition c =
            new AbortCondition(
                "fault-visible", "max(e2e_fault_active)", true, 0.5, Duration.ofSeconds(2));
        PrometheusHttpSource q = PrometheusHttpSource.of(prometheus.base());
        prometheus.await(
            "the target scraped",
            () -> q.query("max(e2e_fault_active)").isPresent(),
            Duration.ofSeconds(30));
        RunResult r = run(prometheus, executor, c);
        assertEquals(Verdict.ABORTED, r.verdict(), r.reason());
        assertFalse(executor.active);
        List<double[]> samples = prometheus.samples("e2e_fault_active", Duration.ofMinutes(1));
        double firstSeen =
            samples.stream().filter(s -> s[1] > 0.5).mapToDouble(s -> s[0]).min().orElseThrow();
        long heldMs = r.breachAtMs() - (long) firstSeen;
        System.out.println(
            "for 2s: first sample over the limit to abort "
                + heldMs
                + " ms; breach-to-revert: "
                + r.breachToRevertMs()
                + " ms (interval "
                + INTERVAL.toMillis()
                + " ms)");
        assertTrue(
            heldMs >= 2_000,
            "aborted " + heldMs + " ms after Prometheus first saw the fault, before its for");
        assertTrue(
            heldMs <= 2_000 + 1_000 + 2 * INTERVAL.toMillis(), "aborted late: " + heldMs + " ms");
        assertTrue(
            r.breachToRevertMs() < 2_000 + INTERVAL.toMillis(),
            "breach-to-revert " + r.breachToRevertMs());
        ExperimentOutcome o =
            new OutcomeLog(dir.resolve("outcomes.jsonl")).read().outcomes().get(0);
        assertEquals(1.0, o.observations().get("breach.fault-visible"));
        assertTrue(o.notes().contains("aborted by condition fault-visible"), o.notes());
      }
    }
  }

  @Test
  void shouldAbortAndRevertWhenPrometheusGoesAwayMidRun() throws Exception {
    try (TargetService target = new TargetService()) {
      target.gauge("e2e_ok", () -> 0);
      PrometheusServer prometheus = PrometheusServer.start(dir, Map.of("t", target.hostPort()));
      try {
        PrometheusHttpSource q = PrometheusHttpSource.of(prometheus.base());
        prometheus.await(
            "the target scraped", () -> q.query("max(e2e_ok)").isPresent(), Duration.ofSeconds(30));
        TestExecutor executor = new TestExecutor("test", Clock.systemUTC());
        executor.onInject =
            () -> {
              Thread t = new Thread(prometheus::close, "stop-prometheus");
              t.start();
            };
        AbortCondition c =
            new AbortCondition("errors", "max(e2e_ok)", true, 0.5, Duration.ofSeconds(30));
        RunResult r = run(prometheus, executor, c);
        assertEquals(Verdict.ABORTED, r.verdict(), r.reason());
        assertTrue(r.reason().contains("could not be evaluated (fail closed)"), r.reason());
        assertFalse(executor.active, "reverted");
        assertTrue(r.revertedAtMs() != null && !r.leftOver());
      } finally {
        prometheus.close();
      }
    }
  }
}
