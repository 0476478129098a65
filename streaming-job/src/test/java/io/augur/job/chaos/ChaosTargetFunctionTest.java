package io.augur.job.chaos;

import static io.augur.job.chaos.PlannerHarness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.safety.GateDecision;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.ExperimentPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

class ChaosTargetFunctionTest {
  private static final String[] OTHERS = {
    "search", "auth", "orders", "ledger", "media", "quotes", "notify", "gateway"
  };

  private static ChaosTargetSettings settings(String prometheusUrl, boolean simulated) {
    return new ChaosTargetSettings(
        Duration.ofMinutes(15), 1, List.of("shop"), prometheusUrl, simulated);
  }

  /**
   * payments (p 0.9) is the likeliest, cart (p 0.5) the most uncertain; eight quiet services; 4
   * pods each.
   */
  private static PlannerHarness fleet(ChaosTargetSettings s, OperatorSubtaskState restore)
      throws Exception {
    PlannerHarness p = new PlannerHarness(s, restore);
    p.fleet.put("payments", 0.9);
    p.fleet.put("cart", 0.5);
    for (String o : OTHERS) {
      p.fleet.put(o, 0.05);
    }
    p.fleet.keySet().forEach(svc -> p.replicas.put(svc, 4));
    return p;
  }

  @Test
  void shouldPlanTheLikeliestComponentThroughTheGatesEachRound() throws Exception {
    try (PlannerHarness p = fleet(settings(null, true), null)) {
      p.healthEachStep = false; // a simulated fleet's health reads as perfect
      List<ExperimentPlan> plans = p.steps(61);
      assertEquals(1, plans.size(), "one round, one target: " + plans);
      assertEquals("payments", service(plans.get(0)));
      assertEquals("shop", plans.get(0).namespace());
      assertTrue(
          plans.get(0).blastRadius() <= 0.05, "never above 5 % without an explicit override");
    }
  }

  @Test
  void shouldLowerARecentlyTestedTargetsRankInTheNextRounds() throws Exception {
    try (PlannerHarness p = fleet(settings(null, false), null)) {
      List<String> targets = new java.util.ArrayList<>();
      List<ExperimentPlan> round = p.steps(61);
      for (int r = 0; r < 3; r++) {
        assertEquals(1, round.size(), "round " + (r + 1) + ": " + round);
        targets.add(service(round.get(0)));
        p.outcome(
            round.get(0),
            ExperimentOutcome.Status.PASSED,
            p.t + 120_000); // ended before the next round
        round = p.steps(60);
      }
      // payments outranks cart (1.08 vs 1.00) until it was tested; then recency halves it (0.54):
      // cart; then
      // cart is halved too (0.50) and payments, tested longer ago, comes back
      assertEquals(List.of("payments", "cart", "payments"), targets);
    }
  }

  @Test
  void shouldNotPlanASecondExperimentOnAServiceWhileOneRuns() throws Exception {
    ChaosTargetSettings s = settings(null, false);
    try (PlannerHarness p = new PlannerHarness(s)) {
      p.fleet.put("payments", 0.9);
      for (String o : OTHERS) {
        p.fleet.put(o, 0.05);
      }
      p.fleet.keySet().forEach(svc -> p.replicas.put(svc, 5));
      p.podsPerService = 4; // payments-0..3: four components of one service (of 5 pods, 45 in all)
      List<ExperimentPlan> first = p.steps(61);
      assertEquals(1, first.size());
      assertEquals("payments", service(first.get(0)));
      List<ExperimentPlan> second = p.steps(60);
      assertEquals(
          List.of(), second, "another payments pod ranks first, but payments runs an experiment");
      JobRound.Result r = p.fn.lastRound();
      assertEquals(1, r.held().get(GateDecision.Status.DEFERRED));
      assertTrue(
          r.reasons().stream().anyMatch(x -> x.contains("still running on service payments")),
          r.reasons().toString());
      p.outcome(first.get(0), ExperimentOutcome.Status.FAILED, p.t);
      List<ExperimentPlan> third = p.steps(60);
      assertEquals(1, third.size(), "the outcome ends the running experiment: " + p.fn.lastRound());
      assertEquals("payments", service(third.get(0)));
      assertFalse(
          third.get(0).targets().equals(first.get(0).targets()),
          "recency moves on to another payments pod");
    }
  }

  @Test
  void shouldStopBlockingAServiceWhenAnExperimentIsNeverHeardOfAgain() throws Exception {
    ChaosTargetSettings s = settings(null, false);
    s = s.withLoop(s.loop().withRetention(Duration.ofMinutes(5), Duration.ofDays(7)));
    try (PlannerHarness p = new PlannerHarness(s)) {
      p.fleet.put("payments", 0.9);
      for (String o : OTHERS) {
        p.fleet.put(o, 0.05);
      }
      p.fleet.keySet().forEach(svc -> p.replicas.put(svc, 5));
      p.podsPerService = 4;
      assertEquals(1, p.steps(61).size());
      // memory-stress runs 120 s; + 5 min grace < 15 min: the next round no longer counts it as
      // running
      List<ExperimentPlan> next = p.steps(60);
      assertEquals(
          1,
          next.size(),
          "timed out: " + (p.fn.lastRound() == null ? "" : p.fn.lastRound().reasons()));
    }
  }

  @Test
  void shouldKeepRunningExperimentsAndHistoryAcrossARestore() throws Exception {
    OperatorSubtaskState snap;
    ExperimentPlan first;
    long t;
    try (PlannerHarness p = fleet(settings(null, false), null)) {
      first = p.steps(61).get(0);
      assertEquals("payments", service(first));
      t = p.t;
      snap = p.h.snapshot(1L, t);
    }
    OperatorSubtaskState snap2;
    try (PlannerHarness p = fleet(settings(null, false), snap)) {
      p.t = t;
      List<ExperimentPlan> second = p.steps(60);
      // payments' experiment is still running after the restore: it weighs in payments' recency and
      // blocks
      // the service, so cart is the target
      assertEquals(1, second.size());
      assertEquals("cart", service(second.get(0)));
      p.outcome(first, ExperimentOutcome.Status.PASSED, p.t);
      p.outcome(second.get(0), ExperimentOutcome.Status.PASSED, p.t);
      t = p.t;
      snap2 = p.h.snapshot(2L, t);
    }
    try (PlannerHarness p = fleet(settings(null, false), snap2)) {
      p.t = t;
      List<ExperimentPlan> third = p.steps(60);
      assertEquals(1, third.size());
      assertEquals("payments", service(third.get(0)));
      double load = Double.parseDouble(third.get(0).evidence().get("recencyLoad"));
      assertTrue(
          load > 0.9 && load < 1.0, "the restored history: one experiment 30 min ago, got " + load);
    }
  }

  @Test
  void shouldCleanStateAndTimersOnceEveryComponentWentAway() throws Exception {
    ChaosTargetSettings s = settings(null, false);
    s = s.withLoop(s.loop().withRetention(Duration.ofMinutes(1), Duration.ofHours(1)));
    try (PlannerHarness p = fleet(s, null)) {
      ExperimentPlan plan = p.steps(61).get(0);
      p.outcome(plan, ExperimentOutcome.Status.PASSED, p.t + 60_000);
      p.steps(60);
      int held = p.h.numKeyedStateEntries();
      assertTrue(held >= 5, "predictions, replicas, health, history, next round held: " + held);
      p.idle(
          Duration.ofMinutes(45)
              .toMillis()); // predictions and replicas stale, health too old; history kept
      assertTrue(
          p.h.numKeyedStateEntries() >= 2 && p.h.numKeyedStateEntries() < held,
          "only the outcome (and the next round) kept for chaos.historyRetention: "
              + p.h.numKeyedStateEntries());
      assertEquals(1, p.h.numEventTimeTimers());
      p.idle(Duration.ofHours(2).toMillis());
      p.idle(Duration.ofMinutes(15).toMillis());
      assertEquals(0, p.h.numKeyedStateEntries(), "nothing left of components that went away");
      assertEquals(0, p.h.numEventTimeTimers(), "and no timer");
    }
  }

  @Test
  void shouldTakePodCountsFromTheMetricsWhenPresent() throws Exception {
    try (PlannerHarness p = fleet(settings(null, false), null)) {
      p.replicas.put("payments", 5);
      ExperimentPlan plan = p.steps(61).get(0);
      assertEquals("5", plan.evidence().get("targetPods"));
      assertEquals("41", plan.evidence().get("systemPods"), "9 services x 4 + 5");
    }
  }

  @Test
  void shouldTakePodCountsFromTheConfigurationOtherwise() throws Exception {
    ChaosTargetSettings s = settings(null, false);
    s = s.withLoop(s.loop().withDefaultReplicas(6));
    try (PlannerHarness p = fleet(s, null)) {
      p.replicas.clear();
      ExperimentPlan plan = p.steps(61).get(0);
      assertEquals(
          "6", plan.evidence().get("targetPods"), "one instance seen each: chaos.defaultReplicas");
      assertEquals("60", plan.evidence().get("systemPods"));
    }
  }

  @Test
  void shouldReadHealthFromTheSideInputAndDoNoIoInTheTimer() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket prometheus = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!prometheus.isClosed()) {
                  try (Socket c = prometheus.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + prometheus.getLocalPort();
      try (PlannerHarness p = fleet(settings(url, false), null)) {
        List<ExperimentPlan> plans = p.steps(121);
        assertEquals(2, plans.size(), "two rounds, healthy from the side input: " + plans);
      }
      assertEquals(0, connections.get(), "the planner's rounds never called Prometheus");
    }
  }

  @Test
  void shouldDeferEveryPlanWhileHealthIsStaleOrUnknown() throws Exception {
    try (PlannerHarness p = fleet(settings(null, false), null)) {
      p.healthEachStep = false;
      assertEquals(List.of(), p.steps(61), "no reading at all: unknown");
      p.health(p.t - Duration.ofMinutes(3).toMillis());
      assertEquals(
          List.of(), p.steps(60), "a reading older than chaos.healthMaxAge (2m) is unknown");
      assertEquals(1, p.fn.lastRound().held().get(GateDecision.Status.DEFERRED));
      var rounds = p.h.getSideOutput(ChaosTargetFunction.ROUNDS);
      assertEquals(2, rounds.size(), "one summary per round");
      RoundSummary last = rounds.stream().reduce((x, y) -> y).orElseThrow().getValue();
      assertEquals(java.util.Map.of("DEFERRED", 1), last.heldByStatus());
      assertEquals(java.util.Map.of("health unknown", 1), last.heldByReason());
      assertEquals(10, last.components());
      p.healthEachStep = true;
      assertEquals(1, p.steps(60).size(), "fresh health: planned");
    }
  }

  @Test
  void shouldNeverTargetKubeSystemEvenWhenListed() throws Exception {
    ChaosTargetSettings s =
        new ChaosTargetSettings(Duration.ofMinutes(15), 3, List.of("kube-system"), null, true);
    try (PlannerHarness p = new PlannerHarness(s)) {
      p.fleet.put("kube-system", 0.9);
      p.fleet.put("payments", 0.9);
      assertEquals(List.of(), p.steps(121));
    }
  }
}
