package io.augur.chaos.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.RunResult.Verdict;
import io.augur.chaos.safety.HealthQuery;
import io.augur.domain.ExperimentOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentEngineTest {
  @TempDir Path dir;

  @Test
  void shouldNeverCallTheExecutorWhenTheGatesRejectThePlan() {
    EngineWorld w = new EngineWorld(dir);
    RunResult r = w.engine().build().run(w.plan("kube-system", false, List.of()));
    assertEquals(Verdict.REFUSED, r.verdict());
    assertTrue(
        r.reason().contains("REJECTED")
            && r.reason().contains("namespace kube-system is never a target"),
        r.reason());
    assertEquals(List.of(), w.executor.calls);
    assertEquals(List.of(), w.outcomes.read().outcomes());
    assertEquals(List.of(), w.journal.read().faults());
    assertTrue(r.violation());
  }

  @Test
  void shouldNeverCallTheExecutorWhenHealthDefersThePlan() {
    EngineWorld w = new EngineWorld(dir);
    w.health.set(HealthQuery.defaults().get(0).promql(), 0.09);
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.REFUSED, r.verdict());
    assertTrue(r.reason().contains("DEFERRED") && r.reason().contains("error-ratio"), r.reason());
    assertEquals(List.of(), w.executor.calls);
  }

  @Test
  void shouldRefuseAPlanThatNeedsApprovalWhenNobodyApprovedIt() {
    EngineWorld w = new EngineWorld(dir);
    RunResult r = w.engine().build().run(w.plan("prod", true, List.of()));
    assertEquals(Verdict.REFUSED, r.verdict());
    assertTrue(
        r.reason().contains("plan " + EngineWorld.PLAN + " needs a human approval"), r.reason());
    assertTrue(
        r.reason().contains("run augur chaos approve " + EngineWorld.PLAN + " --as NAME"),
        r.reason());
    assertEquals(List.of(), w.executor.calls);
  }

  @Test
  void shouldRunAPlanThatAPersonApproved() {
    EngineWorld w = new EngineWorld(dir);
    List<Long> askedAt = new java.util.ArrayList<>();
    Approvals alice =
        (id, now) -> {
          askedAt.add(now);
          return id.equals(EngineWorld.PLAN) ? Optional.of("alice") : Optional.empty();
        };
    RunResult r = w.engine().approvals(alice).build().run(w.plan("prod", true, List.of()));
    assertEquals(Verdict.PASSED, r.verdict(), r.reason());
    assertEquals(List.of(w.ms(0)), askedAt);
    assertTrue(
        w.executor.calls.contains("inject " + EngineWorld.PLAN + " approved by alice"),
        w.executor.calls.toString());
  }

  @Test
  void shouldRefuseWhenTheExecutorCannotRunThePlanWithoutInjecting() {
    EngineWorld w = new EngineWorld(dir);
    w.executor.unsupported = "no local target is bound to checkout";
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.REFUSED, r.verdict());
    assertEquals(
        "executor test cannot run plan "
            + EngineWorld.PLAN
            + ": no local target is bound to checkout",
        r.reason());
    assertEquals(List.of("unsupported"), w.executor.calls);
  }

  @Test
  void shouldRefuseAPlanWhoseRollbackTriggerCannotBeWatched() {
    EngineWorld w = new EngineWorld(dir);
    RunResult r =
        w.engine().build().run(w.plan("prod", false, List.of("page the on-call if it looks bad")));
    assertEquals(Verdict.REFUSED, r.verdict());
    assertTrue(r.reason().contains("\"page the on-call if it looks bad\""), r.reason());
    assertEquals(0, w.executor.count("inject"));
  }

  @Test
  void shouldPassAndRecordWhenNoConditionFiresDuringTheWholeDuration() {
    EngineWorld w = new EngineWorld(dir);
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.PASSED, r.verdict(), r.reason());
    assertEquals(61, w.executor.count("status"), "evaluated at 0s, 1s, ..., 60s");
    assertEquals(List.of(w.ms(60)), w.executor.revertCallsAtMs);
    assertEquals(List.of(), w.journal.read().faults());
    ExperimentOutcome o = w.outcomes.read().outcomes().get(0);
    assertEquals(r.outcomes(), w.outcomes.read().outcomes());
    assertEquals(ExperimentOutcome.Status.PASSED, o.status());
    assertEquals(w.ms(0), o.startedAtMs());
    assertEquals(w.ms(60), o.endedAtMs());
    assertEquals(0L, o.recoveryTimeMs());
    assertEquals(0.1, o.observations().get("before.latency-p99"));
    assertEquals(0.1, o.observations().get("after.latency-p99"));
    assertTrue(o.notes().contains("ran its course"), o.notes());
    assertNull(r.breachAtMs());
    assertEquals(w.ms(60), r.revertedAtMs());
    assertFalse(r.violation());
  }

  @Test
  void shouldAbortAfterExactlyTheForDurationAndRevertAtOnce() {
    EngineWorld w = new EngineWorld(dir);
    // crossed at 5s and 6s, back at 7s (a blip shorter than for: no abort), crossed again from 10s
    w.sleeper
        .at(w.at(5), () -> w.metrics.set(EngineWorld.LATENCY_Q, 0.8))
        .at(w.at(7), () -> w.metrics.set(EngineWorld.LATENCY_Q, 0.2))
        .at(w.at(10), () -> w.metrics.set(EngineWorld.LATENCY_Q, 0.84))
        .at(
            w.at(15),
            () -> w.metrics.set(EngineWorld.LATENCY_Q, 0.1)); // recovered 2s after the revert
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.ABORTED, r.verdict());
    assertEquals(w.ms(13), r.breachAtMs(), "crossed from 10s, for 3s");
    assertEquals(
        List.of(w.ms(13)), w.executor.revertCallsAtMs, "reverted at the breach, not at the end");
    assertEquals(w.ms(13), r.revertedAtMs());
    assertEquals(0L, r.breachToRevertMs());
    assertFalse(r.leftOver());
    assertEquals(List.of(), w.journal.read().faults());
    ExperimentOutcome o = w.outcomes.read().outcomes().get(0);
    assertEquals(ExperimentOutcome.Status.ABORTED, o.status());
    assertEquals(w.ms(13), o.endedAtMs());
    assertEquals(2000L, o.recoveryTimeMs());
    assertTrue(o.recoveredAutomatically());
    assertEquals(0.84, o.observations().get("breach.latency-p99"));
    assertEquals(0.1, o.observations().get("before.latency-p99"));
    for (String s :
        List.of(
            "latency-p99",
            EngineWorld.LATENCY_Q,
            "> 0.5 for 3s",
            "value 0.84",
            "breached at " + w.at(13),
            "crossed since " + w.at(10),
            "verified gone at " + w.at(13),
            "executor test",
            EngineWorld.PLAN + "-test-flag",
            "recovered 2000 ms after the revert")) {
      assertTrue(o.notes().contains(s), () -> "notes lack \"" + s + "\": " + o.notes());
    }
    assertTrue(
        w.lines.stream().anyMatch(l -> l.startsWith("WATCH abort: latency-p99 0.84 > 0.5 for 3s")),
        w.lines::toString);
  }

  @Test
  void shouldAbortAtOnceWhenPrometheusBecomesUnreachable() {
    EngineWorld w = new EngineWorld(dir);
    w.sleeper
        .at(w.at(4), () -> w.metrics.fail(EngineWorld.LATENCY_Q))
        .at(w.at(6), () -> w.metrics.set(EngineWorld.LATENCY_Q, 0.1));
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.ABORTED, r.verdict());
    assertEquals(w.ms(4), r.breachAtMs(), "fail closed at once, for or not");
    assertEquals(List.of(w.ms(4)), w.executor.revertCallsAtMs);
    ExperimentOutcome o = w.outcomes.read().outcomes().get(0);
    assertTrue(
        o.notes().contains("could not be evaluated (fail closed)")
            && o.notes().contains("value unavailable"),
        o.notes());
    assertFalse(o.observations().containsKey("breach.latency-p99"));
    assertEquals(2000L, o.recoveryTimeMs());
  }

  @Test
  void shouldNotAbortOnAnEmptyResult() {
    EngineWorld w = new EngineWorld(dir);
    io.augur.chaos.prom.InMemoryMetricsSource empty =
        new io.augur.chaos.prom.InMemoryMetricsSource();
    RunResult r = w.engine().metrics(empty).build().run(w.plan());
    assertEquals(Verdict.PASSED, r.verdict(), r.reason());
    assertEquals(List.of(w.ms(60)), w.executor.revertCallsAtMs, "no series is not a breach");
  }

  @Test
  void shouldRevertAndRecordAbortedWhenTheThreadIsInterrupted() {
    EngineWorld w = new EngineWorld(dir);
    w.sleeper.at(w.at(5), () -> Thread.currentThread().interrupt());
    RunResult r;
    try {
      r = w.engine().build().run(w.plan());
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    }
    assertEquals(Verdict.ABORTED, r.verdict());
    assertEquals("interrupted", r.reason());
    assertEquals(List.of(w.ms(5)), w.executor.revertCallsAtMs);
    assertEquals(List.of(), w.journal.read().faults());
    ExperimentOutcome o = w.outcomes.read().outcomes().get(0);
    assertEquals(ExperimentOutcome.Status.ABORTED, o.status());
    assertTrue(
        o.notes()
            .startsWith(
                "interrupted; fault "
                    + EngineWorld.PLAN
                    + "-test-flag (executor test) verified gone at "
                    + w.at(5)),
        o.notes());
  }

  @Test
  void shouldCallAQueryCutShortByAnInterruptAnInterruptNotABreach() {
    EngineWorld w = new EngineWorld(dir);
    boolean[] armed = new boolean[1];
    w.sleeper.at(w.at(3), () -> armed[0] = true);
    io.augur.chaos.prom.MetricsSource interrupting =
        q -> {
          if (armed[0]) { // as PrometheusHttpSource does when interrupted mid-request
            Thread.currentThread().interrupt();
            throw new io.augur.chaos.prom.MetricsUnavailableException(
                "interrupted while querying " + q);
          }
          return w.metrics.query(q);
        };
    RunResult r = w.engine().metrics(interrupting).build().run(w.plan());
    assertTrue(Thread.interrupted());
    assertEquals(Verdict.ABORTED, r.verdict());
    assertEquals("interrupted", r.reason());
    assertEquals(List.of(w.ms(3)), w.executor.revertCallsAtMs);
  }

  @Test
  void shouldStopWatchingAtOnceWhenARealThreadIsInterrupted() throws Exception {
    EngineWorld w = new EngineWorld(dir);
    java.util.concurrent.CountDownLatch injected = new java.util.concurrent.CountDownLatch(1);
    w.executor.onInject = injected::countDown;
    ExperimentEngine engine =
        w.engine()
            .clock(java.time.Clock.systemUTC())
            .sleeper(io.augur.domain.Sleeper.REAL)
            .gates(
                new io.augur.chaos.safety.SafetyGates(
                    w.policy,
                    new io.augur.chaos.safety.HealthGate(w.health),
                    List.of(),
                    java.time.Clock.systemUTC()))
            .build();
    RunResult[] result = new RunResult[1];
    boolean[] flag = new boolean[1];
    Thread t =
        new Thread(
            () -> {
              result[0] = engine.run(w.plan());
              flag[0] = Thread.currentThread().isInterrupted();
            });
    t.start();
    assertTrue(injected.await(10, java.util.concurrent.TimeUnit.SECONDS), "inject within 10s");
    long interruptedAt = System.nanoTime();
    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive(), "run returned");
    assertEquals(Verdict.ABORTED, result[0].verdict());
    assertTrue(flag[0], "the run thread's interrupt flag is set again");
    assertFalse(w.executor.active);
    assertTrue(
        Duration.ofNanos(System.nanoTime() - interruptedAt).toMillis() < 5_000,
        "stopped long before the 60s");
  }

  @Test
  void shouldReportErrorAndLeaveNothingInTheJournalWhenInjectFails() {
    EngineWorld w = new EngineWorld(dir);
    w.executor.failInject = true;
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(
        r.reason().startsWith("inject failed: test executor told to fail inject"), r.reason());
    assertEquals(
        List.of(),
        w.journal.read().faults(),
        "the engine verified the journalled entry gone and removed it");
    assertEquals(1, w.executor.count("verify"));
    assertEquals(0, w.executor.count("status"), "no watch without a fault");
    assertEquals(List.of(), r.outcomes());
    assertEquals(List.of(), w.outcomes.read().outcomes());
    assertFalse(r.leftOver());
  }

  @Test
  void shouldKeepTheJournalEntryAndSayLeftOverWhenRevertFails() {
    EngineWorld w = new EngineWorld(dir);
    w.executor.failRevert = true;
    w.sleeper.at(w.at(2), () -> w.metrics.set(EngineWorld.ERRORS_Q, 50));
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.ABORTED, r.verdict());
    assertTrue(r.leftOver());
    assertNull(r.revertedAtMs());
    assertEquals(
        List.of(EngineWorld.PLAN + "-test-flag"),
        w.journal.read().faults().stream().map(InjectedFault::id).toList());
    assertEquals(ExperimentEngine.VERIFY_ATTEMPTS, w.executor.count("verify"), "bounded");
    assertTrue(
        r.reason().contains("LEFT OVER") && r.reason().contains("told to fail revert"), r.reason());
    ExperimentOutcome o = w.outcomes.read().outcomes().get(0);
    assertTrue(o.notes().contains("NOT verified gone"), o.notes());
    assertTrue(
        w.sleeper.total().compareTo(Duration.ofSeconds(10)) < 0,
        "verify retries are bounded: " + w.sleeper.total());
  }

  @Test
  void shouldEndWithErrorWhenTheExecutorReportsTheFaultFailed() {
    EngineWorld w = new EngineWorld(dir);
    w.sleeper.at(w.at(3), () -> w.executor.state = FaultStatus.State.FAILED);
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(
        r.reason().contains("reports fault " + EngineWorld.PLAN + "-test-flag FAILED"), r.reason());
    assertEquals(List.of(w.ms(3)), w.executor.revertCallsAtMs);
    assertEquals(ExperimentOutcome.Status.ABORTED, w.outcomes.read().outcomes().get(0).status());
  }

  @Test
  void shouldAbortWhenTheWholeRunTimesOut() {
    EngineWorld w = new EngineWorld(dir);
    RunResult r = w.engine().timeout(Duration.ofSeconds(20)).build().run(w.plan());
    assertEquals(Verdict.ABORTED, r.verdict());
    assertTrue(r.reason().startsWith("timeout"), r.reason());
    assertEquals(List.of(w.ms(20)), w.executor.revertCallsAtMs);
  }

  @Test
  void shouldFailWhenTheTargetIsNotBackWithinLimitsAfterTheFault() {
    EngineWorld w = new EngineWorld(dir);
    w.sleeper.at(
        w.at(59),
        () -> w.metrics.set(EngineWorld.LATENCY_Q, 0.9)); // pending at the end, never back
    RunResult r = w.engine().build().run(w.plan());
    assertEquals(Verdict.FAILED, r.verdict(), r.reason());
    assertTrue(r.reason().contains("latency-p99 0.9 > 0.5"), r.reason());
    ExperimentOutcome o = w.outcomes.read().outcomes().get(0);
    assertEquals(ExperimentOutcome.Status.FAILED, o.status());
    assertNull(o.recoveryTimeMs());
    assertFalse(o.recoveredAutomatically());
  }

  @Test
  void shouldTellTheListenerEveryPhaseInOrder() {
    EngineWorld w = new EngineWorld(dir);
    w.engine().build().run(w.plan());
    List<String> phases =
        w.lines.stream().map(l -> l.substring(0, l.indexOf(' '))).distinct().toList();
    assertEquals(
        List.of("PREFLIGHT", "BASELINE", "INJECT", "WATCH", "REVERT", "VERIFY", "RECORD"), phases);
  }

  @Test
  void shouldNameTheMissingSettingWhenBuilding() {
    EngineWorld w = new EngineWorld(dir);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ExperimentEngine.builder()
                    .gates(w.gates())
                    .executor(w.executor)
                    .metrics(w.metrics)
                    .outcomes(w.outcomes)
                    .build());
    assertTrue(e.getMessage().contains("journal"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> w.engine().watchInterval(Duration.ZERO).build());
    assertNotNull(w.engine().build());
  }
}
