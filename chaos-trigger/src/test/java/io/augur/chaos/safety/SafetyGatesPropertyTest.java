package io.augur.chaos.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.domain.ExperimentPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Over many generated policies, health readings, plans and times, no approved plan ever breaks a
 * gate. The invariants are recomputed here from the raw inputs, not read from the decision.
 */
class SafetyGatesPropertyTest {
  private static final List<String> NAMESPACES =
      List.of("prod", "staging", "default", "kube-system", "kube-public", "payments");
  private static final int CASES = 6_000;

  @Test
  void shouldNeverApproveAPlanThatBreaksAGate() {
    SplittableRandom rnd = new SplittableRandom(20261126L);
    Map<GateDecision.Status, Integer> seen = new EnumMap<>(GateDecision.Status.class);
    int humanApproved = 0;
    for (int i = 0; i < CASES; i++) {
      Case c = Case.draw(rnd);
      GateDecision d = c.gates.evaluate(c.planned);
      seen.merge(d.status(), 1, Integer::sum);
      if (d.status() == GateDecision.Status.APPROVED) {
        c.assertSafe(d.approvedPlan(), false, i);
      }
      if (d.status() != GateDecision.Status.APPROVED) {
        assertTrue(d.approved().isEmpty(), "case " + i);
        assertFalse(
            d.reasons().isEmpty(), "a decision that is not approval must say why, case " + i);
      }
      try {
        ApprovedPlan a = c.gates.approve(c.planned, "alice");
        c.assertSafe(a, true, i);
        humanApproved++;
      } catch (IllegalStateException e) {
        assertNotEquals(
            GateDecision.Status.APPROVED,
            d.status(),
            "approve() refused what evaluate() approved, case " + i);
      }
    }
    for (GateDecision.Status s : GateDecision.Status.values()) {
      assertTrue(
          seen.getOrDefault(s, 0) > CASES / 200,
          "generator should reach " + s + " often, saw " + seen);
    }
    assertTrue(
        humanApproved > CASES / 200,
        "generator should reach human approvals, saw " + humanApproved);
  }

  @Test
  void shouldRefuseAShareAboveFivePercentUnlessExplicitlyOverridden() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      double share = 0.05 + 1e-9 + rnd.nextDouble() * 0.95;
      assertThrows(
          IllegalArgumentException.class,
          () -> SafetyPolicy.defaults(Set.of("prod")).withLimits(1.0, share, false, 0.02));
      assertEquals(
          Math.min(0.5, share),
          SafetyPolicy.defaults(Set.of("prod")).withLimits(0.5, share, true, 0.02).blastLimit());
    }
  }

  @Test
  void shouldNeverAllowKubeNamespacesEvenWhenListed() {
    NamespaceAllowlist list = new NamespaceAllowlist(Set.of("kube-system", "kube-public", "prod"));
    assertFalse(list.allows("kube-system"));
    assertFalse(list.allows("kube-public"));
    assertTrue(list.allows("prod"));
    assertFalse(list.allows("staging"));
  }

  /** One generated world. */
  private record Case(
      SafetyPolicy policy,
      SafetyGates gates,
      PlannedExperiment planned,
      double er,
      double burn,
      double alerts,
      boolean healthReadable,
      Instant now) {

    static Case draw(SplittableRandom rnd) {
      Set<String> allowed = new HashSet<>();
      for (String ns : NAMESPACES) {
        if (rnd.nextInt(5) > 0) {
          allowed.add(ns);
        }
      }
      boolean override = rnd.nextInt(4) == 0;
      double share = override ? 0.01 + rnd.nextDouble() * 0.99 : 0.001 + rnd.nextDouble() * 0.049;
      double impact = 0.001 + rnd.nextDouble() * 0.999;
      double approval = rnd.nextDouble() * 0.02;
      List<TimeWindow> windows =
          rnd.nextInt(3) == 0 ? List.of(TimeWindow.parse("MON-SAT 06:00-22:00 UTC")) : List.of();
      List<TimeWindow> critical =
          rnd.nextInt(3) == 0 ? List.of() : List.of(TimeWindow.parse("MON-FRI 09:00-17:00 UTC"));
      SafetyPolicy policy =
          SafetyPolicy.defaults(allowed)
              .withLimits(impact, share, override, approval)
              .withWindows(windows, critical);

      InMemoryMetricsSource metrics = new InMemoryMetricsSource();
      List<HealthQuery> q = HealthQuery.defaults();
      double er = rnd.nextDouble() * 0.05;
      double burn = rnd.nextDouble() * 4;
      double alerts = rnd.nextInt(3);
      boolean readable = rnd.nextInt(10) > 0;
      metrics.set(q.get(0).promql(), er).set(q.get(1).promql(), burn);
      if (alerts > 0) {
        metrics.set(q.get(2).promql(), alerts);
      }
      if (!readable) {
        metrics.fail(q.get(rnd.nextInt(3)).promql());
      }
      Instant now = Fixtures.T0.plus(Duration.ofMinutes(rnd.nextInt(7 * 24 * 60)));
      SafetyGates gates =
          new SafetyGates(
              policy,
              new HealthGate(metrics),
              List.of(PreflightCheck.minReplicasForDestructive()),
              new MutableClock(now));

      ExperimentType type = ExperimentType.values()[rnd.nextInt(ExperimentType.values().length)];
      String ns = rnd.nextInt(3) == 0 ? NAMESPACES.get(rnd.nextInt(NAMESPACES.size())) : "prod";
      int targetPods = 1 + rnd.nextInt(10);
      int systemPods = targetPods + rnd.nextInt(rnd.nextBoolean() ? 100 : 3000);
      List<RolloutStep> steps = new ArrayList<>();
      steps.add(RolloutStep.onePod());
      int extra = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
      for (int k = 0; k < extra; k++) {
        steps.add(
            rnd.nextBoolean()
                ? RolloutStep.percentOf(1 + rnd.nextInt(100), targetPods)
                : RolloutStep.all(targetPods));
      }
      int affected = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : 0;
      List<String> triggers = new ArrayList<>();
      for (AbortCondition a : policy.abortConditions()) {
        if (rnd.nextInt(40) > 0) {
          triggers.add(a.trigger());
        }
      }
      double claimed =
          rnd.nextInt(10) == 0
              ? rnd.nextDouble() * 0.1
              : rnd.nextDouble() * 0.005; // plans may under-claim their blast radius
      ExperimentPlan plan =
          new ExperimentPlan(
              "p-" + rnd.nextInt(1_000_000),
              List.of("svc/svc-0"),
              ns,
              type.id(),
              "unknown",
              1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 1200 : 300),
              claimed,
              List.of(),
              triggers,
              Map.of(),
              rnd.nextInt(5) == 0,
              now.toEpochMilli());
      PlannedExperiment planned =
          new PlannedExperiment(
              plan,
              type,
              new Selection(
                  ns,
                  Map.of("app", "svc"),
                  targetPods,
                  systemPods,
                  null,
                  rnd.nextBoolean() ? "svc-0" : null,
                  rnd.nextInt(3) == 0 ? rnd.nextDouble() * 0.3 : null),
              steps,
              affected);
      return new Case(policy, gates, planned, er, burn, alerts, readable, now);
    }

    void assertSafe(ApprovedPlan a, boolean human, int i) {
      java.util.function.Supplier<String> where =
          () -> "case " + i + ": " + planned; // built only on failure
      ExperimentPlan plan = a.planned().plan();
      assertTrue(healthReadable, () -> "approved with unreadable health, " + where.get());
      double health = Math.min(1 - er / 0.1, Math.min(1 - burn / 10, 1 - alerts / 5));
      assertTrue(health >= 0.8, () -> "approved at health " + health + ", " + where.get());
      assertFalse(plan.namespace().startsWith("kube-"), where);
      assertTrue(policy.allowlist().namespaces().contains(plan.namespace()), where);
      double limit = Math.min(policy.maxImpact(), policy.maxShare());
      for (RolloutStep s : a.planned().rollout()) {
        Double traffic = a.planned().selection().trafficShare();
        double b =
            Math.max(
                (s.podsHit() + (double) a.planned().affectedComponents())
                    / a.planned().selection().systemPods(),
                traffic == null ? 0 : traffic * s.podsHit() / a.planned().selection().targetPods());
        assertTrue(
            b <= limit + 1e-12, () -> "step blast " + b + " > " + limit + ", " + where.get());
        assertTrue(
            policy.shareOverride() || b <= 0.05 + 1e-12,
            () -> "above 5% without override, " + where.get());
      }
      assertTrue(plan.blastRadius() <= limit, where);
      for (AbortCondition c : policy.abortConditions()) {
        assertTrue(
            plan.rollbackTriggers().contains(c.trigger()),
            () -> "missing abort condition, " + where.get());
      }
      assertTrue(plan.durationSeconds() <= policy.maxDuration().toSeconds(), where);
      assertTrue(
          policy.windows().isEmpty() || policy.windows().stream().anyMatch(w -> w.contains(now)),
          where);
      double blast = a.planned().maxBlastRadius();
      boolean needsHuman =
          plan.requiresApproval() || Math.max(blast, plan.blastRadius()) > policy.approvalAbove();
      boolean critical = needsHuman || a.planned().type().destructive();
      assertTrue(
          !critical
              || policy.criticalWindows().isEmpty()
              || policy.criticalWindows().stream().anyMatch(w -> w.contains(now)),
          () -> "critical outside window, " + where.get());
      assertTrue(
          !a.planned().type().destructive() || a.planned().selection().targetPods() >= 2, where);
      if (needsHuman) {
        assertTrue(
            human && "alice".equals(a.approvedBy()),
            () -> "needed a human approver, " + where.get());
      }
    }
  }
}
