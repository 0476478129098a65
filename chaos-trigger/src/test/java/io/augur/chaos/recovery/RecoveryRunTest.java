package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.domain.Sleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's timeline on a fake clock: the sleeper advances it and applies the metric changes due.
 */
class RecoveryRunTest {
  private static final String RECOVERED = "standby_serving == 1";
  private static final String BROKEN = "writer_errors > 0";

  @TempDir Path dir;
  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T0);
  private final Metrics metrics = new Metrics().set(HealthQuery.defaults().get(0).promql(), 0.0);

  /**
   * Query -> value; NaN removes the sample (the condition no longer holds); failing queries throw.
   */
  static final class Metrics implements io.augur.chaos.prom.MetricsSource {
    private final Map<String, Double> values = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> failing =
        java.util.concurrent.ConcurrentHashMap.newKeySet();

    Metrics set(String q, double v) {
      if (Double.isNaN(v)) {
        values.remove(q);
      } else {
        values.put(q, v);
      }
      return this;
    }

    Metrics fail(String q) {
      failing.add(q);
      return this;
    }

    @Override
    public java.util.OptionalDouble query(String q) {
      if (q.startsWith("bug")) {
        throw new IllegalStateException("a bug in the client");
      }
      if (failing.contains(q)) {
        throw new io.augur.chaos.prom.MetricsUnavailableException("connection refused: " + q);
      }
      Double v = values.get(q);
      return v == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(v);
    }
  }

  private final RecordingExecutor executor = new RecordingExecutor(clock);

  /** ms after injection (or after revert, with key + REVERT_BASE) -> query -> value. */
  private final TreeMap<Long, Map<String, Double>> script = new TreeMap<>();

  private final List<String> lines = new ArrayList<>();
  private long t0;

  private void at(long msAfterInjection, String query, double value) {
    script.computeIfAbsent(msAfterInjection, k -> new java.util.HashMap<>()).put(query, value);
  }

  private final Sleeper sleeper =
      d -> {
        clock.advance(d);
        long since = clock.millis() - executor.injectedAtMs;
        script.headMap(since, true).values().forEach(m -> m.forEach(metrics::set));
      };

  private SafetyGates gates() {
    SafetyPolicy policy =
        SafetyPolicy.defaults(java.util.Set.of("local")).withWindows(List.of(), List.of());
    return new SafetyGates(
        policy,
        new HealthGate(metrics),
        List.of(PreflightCheck.minReplicasForDestructive()),
        clock);
  }

  private RecoveryRun run() {
    return new RecoveryRun(
        gates(),
        executor,
        new FaultJournal(dir.resolve("journal")),
        CheckContext.of(metrics),
        metrics,
        clock,
        sleeper,
        null,
        lines::add);
  }

  private static RecoveryTest test(
      ExperimentType fault,
      int replicas,
      RecoveryTest.From from,
      Duration expected,
      List<ValidationStep> behaviours,
      List<ValidationStep> validation) {
    return new RecoveryTest(
        "t",
        "",
        "orders",
        null,
        new Trigger(fault, "orders-primary", Map.of(), Duration.ZERO, replicas, 100),
        expected,
        from,
        Duration.ofSeconds(20),
        Duration.ofMillis(200),
        behaviours,
        validation);
  }

  private static ValidationStep step(String name, String query, Duration holdFor) {
    return new ValidationStep(name, new PromqlCheck(query), holdFor);
  }

  @Test
  void shouldMeasureRecoveryFromInjectionAndPassWithinTheExpectation() {
    metrics.set(RECOVERED, Double.NaN);
    at(1200, RECOVERED, 1);
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("standby", RECOVERED, Duration.ofSeconds(1)))));
    assertEquals(RecoveryResult.Status.PASSED, r.status(), r.violations().toString());
    assertEquals(1200L, r.measuredRecoveryMs());
    StepResult s = r.validation().get(0);
    assertTrue(s.held());
    assertEquals(1200L, s.afterMs());
    assertEquals(executor.injectedAtMs + 1200, s.heldFromMs());
    assertEquals(
        executor.injectedAtMs + 2200,
        executor.revertedAtMs,
        "reverted once the step held for its 1s");
    assertTrue(r.reverted());
    assertTrue(new FaultJournal(dir.resolve("journal")).read().faults().isEmpty());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("step standby held after 1.2s")), lines.toString());
  }

  @Test
  void shouldReportAViolationWhenRecoveryTakesLongerThanExpected() {
    metrics.set(RECOVERED, Double.NaN);
    at(7000, RECOVERED, 1);
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("standby", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.VIOLATED, r.status());
    assertEquals(7000L, r.measuredRecoveryMs());
    assertEquals(List.of("recovery took 7000ms, expected at most 5000ms"), r.violations());
    assertTrue(r.violated());
  }

  @Test
  void shouldStartTheHoldAgainWhenTheConditionFlaps() {
    metrics.set(RECOVERED, Double.NaN);
    at(1000, RECOVERED, 1);
    at(1400, RECOVERED, Double.NaN);
    at(2000, RECOVERED, 1);
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("standby", RECOVERED, Duration.ofSeconds(1)))));
    StepResult s = r.validation().get(0);
    assertEquals(executor.injectedAtMs + 1000, s.firstTrueAtMs());
    assertEquals(2000L, s.afterMs(), "held from the start of the streak that lasted 1s");
    assertEquals(RecoveryResult.Status.PASSED, r.status());
  }

  @Test
  void shouldRevertAndReportEveryStepThatNeverHeldWhenObservationEnds() {
    metrics.set(RECOVERED, 0.0).fail("unanswered");
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(
                        step("standby", "nothing_here", Duration.ZERO),
                        step("prom-down", "unanswered", Duration.ZERO))));
    assertEquals(RecoveryResult.Status.VIOLATED, r.status());
    assertNull(r.measuredRecoveryMs());
    assertEquals(
        executor.injectedAtMs + 20_000,
        executor.revertedAtMs,
        "observed for observeFor, then reverted");
    assertTrue(
        r.violations()
            .get(0)
            .startsWith("validation step standby did not hold within 20000ms (last: no sample)"),
        r.violations().toString());
    assertTrue(
        r.validation().get(1).lastDetail().startsWith("Prometheus did not answer"),
        r.validation().toString());
    assertFalse(executor.active);
  }

  @Test
  void shouldStartTheRecoveryClockAtTheRevertAfterTheExpectedBehaviourHeld() {
    metrics.set(BROKEN, Double.NaN).set(RECOVERED, Double.NaN);
    at(600, BROKEN, 1);
    at(1000, RECOVERED, 1); // 400 ms after the revert
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.DISK_FAULT,
                    1,
                    RecoveryTest.From.REVERT,
                    Duration.ofSeconds(5),
                    List.of(step("errors", BROKEN, Duration.ZERO)),
                    List.of(step("healthy", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.PASSED, r.status(), r.violations().toString());
    assertEquals(
        executor.injectedAtMs + 600,
        executor.revertedAtMs,
        "reverted as soon as the behaviour was seen");
    assertEquals(600L, r.expectedBehaviours().get(0).afterMs());
    assertEquals(400L, r.measuredRecoveryMs(), "counted from the revert, not from the injection");
    assertEquals(executor.revertedAtMs + 400, r.validation().get(0).heldFromMs());
  }

  @Test
  void shouldFailAnExpectedBehaviourThatNeverShowedWhileTheFaultWasInEffect() {
    metrics.set(BROKEN, Double.NaN).set(RECOVERED, 1);
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.DISK_FAULT,
                    1,
                    RecoveryTest.From.REVERT,
                    Duration.ofSeconds(5),
                    List.of(step("errors", BROKEN, Duration.ZERO)),
                    List.of(step("healthy", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.VIOLATED, r.status());
    assertTrue(
        r.violations()
            .get(0)
            .startsWith("expected behaviour errors never held while the fault was in effect"),
        r.violations().toString());
  }

  @Test
  void shouldRefuseWithoutInjectingWhenTheGatesRefuse() {
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.POD_KILL,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("standby", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.REFUSED, r.status());
    assertTrue(r.violations().get(0).contains("needs >= 2 replicas"), r.violations().toString());
    assertTrue(executor.calls.isEmpty(), "nothing injected: " + executor.calls);
  }

  @Test
  void shouldRevertAndReportAbortedWhenInterrupted() {
    metrics.set(RECOVERED, Double.NaN);
    RecoveryRun interrupted =
        new RecoveryRun(
            gates(),
            executor,
            new FaultJournal(dir.resolve("journal")),
            CheckContext.of(metrics),
            metrics,
            clock,
            d -> {
              throw new InterruptedException("SIGTERM");
            },
            null,
            lines::add);
    try {
      RecoveryResult r =
          interrupted.run(
              test(
                  ExperimentType.LATENCY_INJECTION,
                  1,
                  RecoveryTest.From.REVERT,
                  Duration.ofSeconds(5),
                  List.of(step("errors", BROKEN, Duration.ZERO)),
                  List.of(step("ok", RECOVERED, Duration.ZERO))));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
      assertEquals(RecoveryResult.Status.ABORTED, r.status());
      assertTrue(r.reverted());
      assertFalse(executor.active);
      assertTrue(r.validation().isEmpty(), "no recovery phase after an interrupt");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void shouldKeepTheJournalEntryAndReportAnErrorWhenTheRevertFails() {
    metrics.set(RECOVERED, 1);
    executor.failRevert = new FaultException("proxy unreachable");
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("ok", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.ERROR, r.status());
    assertFalse(r.reverted());
    assertEquals(
        RecoveryRun.VERIFY_ATTEMPTS,
        executor.calls.stream().filter(c -> c.startsWith("revert")).count());
    assertEquals(
        1,
        new FaultJournal(dir.resolve("journal")).read().faults().size(),
        "left for the next start");
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("proxy unreachable")), r.notes().toString());
  }

  @Test
  void shouldRevertAtOnceAndAbortWhenAnAbortConditionFiresWhileTheFaultIsInEffect() {
    metrics.set(RECOVERED, Double.NaN);
    at(600, "max(slo:burn_rate:ratio_rate5m)", 20.0);
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("standby", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.ABORTED, r.status());
    assertEquals(
        executor.injectedAtMs + 600,
        executor.revertedAtMs,
        "reverted at the first evaluation that breached");
    assertTrue(
        r.violations().get(0).startsWith("aborted: slo-burn-rate 20.0"), r.violations().toString());
    assertTrue(r.reverted());
  }

  @Test
  void shouldAbortWhenTheAbortConditionsCannotBeEvaluated() {
    metrics.set(RECOVERED, Double.NaN).fail("max(slo:burn_rate:ratio_rate5m)");
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.REVERT,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("standby", RECOVERED, Duration.ZERO))));
    assertEquals(RecoveryResult.Status.ABORTED, r.status());
    assertTrue(
        r.violations().get(0).contains("could not be evaluated (fail closed)"),
        r.violations().toString());
    assertTrue(r.validation().isEmpty(), "no recovery phase after an abort");
    assertFalse(executor.active);
  }

  @Test
  void shouldCountACheckThatThrowsAsNotHeldAndStillRevert() {
    RecoveryResult r =
        run()
            .run(
                test(
                    ExperimentType.LATENCY_INJECTION,
                    1,
                    RecoveryTest.From.INJECTION,
                    Duration.ofSeconds(5),
                    List.of(),
                    List.of(step("broken", "bug_query", Duration.ZERO))));
    assertEquals(RecoveryResult.Status.VIOLATED, r.status());
    assertTrue(
        r.validation()
            .get(0)
            .lastDetail()
            .contains("check failed: java.lang.IllegalStateException: a bug"),
        r.validation().toString());
    assertFalse(executor.active);
    assertTrue(r.reverted());
  }
}
