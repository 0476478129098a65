package io.augur.chaos.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.approval.ApprovalRefusedException.Why;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.augur.chaos.safety.PreflightCheck;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.safety.TimeWindow;
import io.augur.domain.ExperimentPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over generated plans, policies, health readings, predicted probabilities, approvers lists, names
 * and times, the queue never names an approver for a plan the gates refuse, for a name not on the
 * list, after the approval expired, or for a namespace outside the allowlist or a {@code kube-*}
 * one. The invariants are recomputed from the raw inputs, not read from the queue's or the gates'
 * answers.
 */
class ApprovalQueuePropertyTest {
  private static final List<String> NAMESPACES =
      List.of("prod", "staging", "kube-system", "kube-public", "payments");
  private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "mallory");
  private static final int CASES = 1_000;
  @TempDir Path fallback;

  /**
   * Memory-backed when the machine has /dev/shm: the property is about decisions, and forcing files
   * to disk is slow.
   */
  private Path queueDir() throws java.io.IOException {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "augur-queue-property-")
        : fallback;
  }

  private static void deleteTree(Path d) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void shouldNeverYieldAnApproverTheGatesTheListOrTheClockDoNotAllow() throws Exception {
    Path dir = queueDir();
    try {
      check(dir);
    } finally {
      deleteTree(dir);
    }
  }

  private void check(Path dir) throws Exception {
    SplittableRandom rnd = new SplittableRandom(20261202L);
    Map<Why, Integer> refused = new EnumMap<>(Why.class);
    int granted = 0;
    int yielded = 0;
    for (int n = 0; n < CASES; n++) {
      final int i = n;
      World w = World.draw(rnd, i);
      MutableClock clock = new MutableClock(w.approvedAt);
      ApprovalQueue q = new ApprovalQueue(dir, w.approvers, w.ttl, clock);
      clock.set(w.approvedAt.minus(Duration.ofMinutes(rnd.nextInt(120))));
      q.submit(w.planned, List.of("generated case " + i));
      clock.set(w.approvedAt);
      boolean gatesApprove =
          !SafetyGates.POLICY.equals(w.name)
              && w.gates(clock).review(w.planned, w.name).status() == GateDecision.Status.APPROVED;
      Approval a = null;
      try {
        a = q.approve(w.planned.plan().id(), w.name, w.gates(clock));
        granted++;
      } catch (ApprovalRefusedException e) {
        refused.merge(e.why(), 1, Integer::sum);
        assertTrue(
            e.why() == Why.NOT_AN_APPROVER || e.why() == Why.REFUSED_BY_GATE,
            () -> "case " + i + ": " + e.getMessage());
      }
      assertEquals(
          a != null,
          w.approvers.contains(w.name) && gatesApprove,
          "approved iff listed and the gates approve, case " + i);
      if (a != null) {
        w.assertSafe(i);
        assertEquals(w.approvedAt.plus(w.ttl), a.expiresAt());
      }

      // read back later, by a queue that may have another list or a shorter ttl
      Approvers laterList = rnd.nextInt(4) == 0 ? World.list(rnd) : w.approvers;
      Duration laterTtl = rnd.nextInt(4) == 0 ? Duration.ofMinutes(1 + rnd.nextInt(120)) : w.ttl;
      ApprovalQueue later = new ApprovalQueue(dir, laterList, laterTtl, clock);
      for (int k = 0; k < 4; k++) {
        long at =
            w.approvedAt.toEpochMilli()
                + (long) (rnd.nextDouble() * 2.5 * w.ttl.toMillis())
                - 60_000;
        Optional<String> who = later.approver(w.planned.plan().id(), at);
        if (who.isEmpty()) {
          continue;
        }
        yielded++;
        final long t = at;
        assertTrue(a != null, "an approver for a plan that was never approved, case " + i);
        assertEquals(w.name, who.get());
        assertTrue(
            laterList.contains(who.get()),
            () -> "approver not on the list at read time, case " + i);
        assertFalse(SafetyGates.POLICY.equals(who.get()));
        assertTrue(
            t >= w.approvedAt.toEpochMilli(),
            "an approval in force before it was given, case " + i);
        assertTrue(
            t < w.approvedAt.plus(w.ttl).toEpochMilli()
                && t < w.approvedAt.plus(laterTtl).toEpochMilli(),
            () -> "expired approval yielded at " + Instant.ofEpochMilli(t) + ", case " + i);
        assertEquals(who, later.approverOf(w.planned, at));
        assertEquals(
            Optional.empty(),
            later.approverOf(w.otherPlanSameId(), at),
            "an approval belongs to its plan only");
        w.assertSafe(i);
      }
    }
    System.out.printf(
        "approval queue property: %d cases, %d approved, %d in-force reads, refused %s%n",
        CASES, granted, yielded, refused);
    assertTrue(granted > CASES / 20, "generator should reach approvals, saw " + granted);
    assertTrue(yielded > CASES / 20, "generator should reach in-force reads, saw " + yielded);
    for (Why why : List.of(Why.NOT_AN_APPROVER, Why.REFUSED_BY_GATE)) {
      assertTrue(
          refused.getOrDefault(why, 0) > CASES / 20,
          "generator should reach " + why + ", saw " + refused);
    }
  }

  /**
   * One generated world: policy, health, predicted probability, plan, approvers list, a name and a
   * time.
   */
  private record World(
      SafetyPolicy policy,
      double errorRatio,
      boolean healthReadable,
      double probability,
      double ceiling,
      PlannedExperiment planned,
      Approvers approvers,
      String name,
      Instant approvedAt,
      Duration ttl) {

    static Approvers list(SplittableRandom rnd) {
      List<String> names = new ArrayList<>();
      for (String p : List.of("alice", "bob", "carol")) {
        if (rnd.nextInt(3) > 0) {
          names.add(p);
        }
      }
      return Approvers.of(names, "generated");
    }

    static World draw(SplittableRandom rnd, int i) {
      Set<String> allowed = new HashSet<>();
      for (String ns : NAMESPACES) {
        if (rnd.nextInt(3) > 0) {
          allowed.add(ns);
        }
      }
      List<TimeWindow> critical =
          rnd.nextInt(3) == 0 ? List.of(TimeWindow.parse("MON-FRI 09:00-17:00 UTC")) : List.of();
      SafetyPolicy policy = SafetyPolicy.defaults(allowed).withWindows(List.of(), critical);
      ExperimentType type = ExperimentType.values()[rnd.nextInt(ExperimentType.values().length)];
      String ns = rnd.nextInt(3) == 0 ? NAMESPACES.get(rnd.nextInt(NAMESPACES.size())) : "prod";
      int targetPods = 1 + rnd.nextInt(6);
      int systemPods = 40 + rnd.nextInt(400);
      List<String> triggers =
          new ArrayList<>(policy.abortConditions().stream().map(AbortCondition::trigger).toList());
      if (rnd.nextInt(20) == 0) {
        triggers.remove(0);
      }
      Instant now = Fixtures.T0.plus(Duration.ofMinutes(rnd.nextInt(7 * 24 * 60)));
      ExperimentPlan plan =
          new ExperimentPlan(
              "case-" + i,
              List.of("svc/svc-" + rnd.nextInt(3)),
              ns,
              type.id(),
              "unknown",
              30 + rnd.nextInt(rnd.nextInt(10) == 0 ? 900 : 200),
              rnd.nextDouble() * 0.03,
              List.of(),
              triggers,
              Map.of(),
              rnd.nextInt(3) > 0,
              now.toEpochMilli());
      List<RolloutStep> steps = new ArrayList<>(List.of(RolloutStep.onePod()));
      if (rnd.nextInt(3) == 0) {
        steps.add(RolloutStep.all(targetPods));
      }
      PlannedExperiment planned =
          new PlannedExperiment(
              plan,
              type,
              new Selection(ns, Map.of("app", "svc"), targetPods, systemPods, null, null, null),
              steps,
              rnd.nextInt(3));
      Approvers approvers = list(rnd);
      List<String> listed = new ArrayList<>(approvers.names());
      String name =
          rnd.nextInt(12) == 0
              ? "policy"
              : !listed.isEmpty() && rnd.nextInt(3) > 0
                  ? listed.get(rnd.nextInt(listed.size()))
                  : PEOPLE.get(rnd.nextInt(PEOPLE.size()));
      return new World(
          policy,
          rnd.nextDouble() * 0.03,
          rnd.nextInt(8) > 0,
          rnd.nextDouble(),
          0.5 + rnd.nextDouble() * 0.5,
          planned,
          approvers,
          name,
          now,
          Duration.ofMinutes(5 + rnd.nextInt(120)));
    }

    /** Fresh gates over this world's readings, as the approve command builds them. */
    SafetyGates gates(MutableClock clock) {
      InMemoryMetricsSource m = new InMemoryMetricsSource();
      String er = HealthQuery.defaults().get(0).promql();
      if (healthReadable) {
        m.set(er, errorRatio);
      } else {
        m.fail(er);
      }
      return new SafetyGates(
          policy,
          new HealthGate(m),
          List.of(
              PreflightCheck.minReplicasForDestructive(),
              PreflightCheck.predictedFailureCeilingFrom(
                  t -> OptionalDouble.of(probability), ceiling)),
          clock);
    }

    PlannedExperiment otherPlanSameId() {
      ExperimentPlan p = planned.plan();
      ExperimentPlan other =
          new ExperimentPlan(
              p.id(),
              p.targets(),
              p.namespace(),
              p.experimentType(),
              p.failureMode(),
              p.durationSeconds() + 1,
              p.blastRadius(),
              p.successCriteria(),
              p.rollbackTriggers(),
              p.evidence(),
              p.requiresApproval(),
              p.createdAtMs());
      return new PlannedExperiment(
          other,
          planned.type(),
          planned.selection(),
          planned.rollout(),
          planned.affectedComponents());
    }

    /** What must hold of any plan the queue names an approver for, from the raw inputs. */
    void assertSafe(int i) {
      String where = "case " + i + ": " + planned.plan();
      ExperimentPlan p = planned.plan();
      assertFalse(NamespaceAllowlist.isForbidden(p.namespace()), where);
      assertFalse(p.namespace().startsWith("kube-"), where);
      assertTrue(policy.allowlist().namespaces().contains(p.namespace()), where);
      assertTrue(healthReadable && 1 - errorRatio / 0.1 >= 0.8, where);
      assertTrue(approvers.contains(name) && !SafetyGates.POLICY.equals(name), where);
      for (AbortCondition c : policy.abortConditions()) {
        assertTrue(p.rollbackTriggers().contains(c.trigger()), where);
      }
      assertTrue(p.durationSeconds() <= policy.maxDuration().toSeconds(), where);
      for (RolloutStep s : planned.rollout()) {
        assertTrue(
            (s.podsHit() + (double) planned.affectedComponents()) / planned.selection().systemPods()
                <= policy.blastLimit() + 1e-12,
            where);
      }
      assertTrue(!planned.type().destructive() || planned.selection().targetPods() >= 2, where);
      boolean needsHuman =
          p.requiresApproval()
              || Math.max(p.blastRadius(), planned.maxBlastRadius()) > policy.approvalAbove()
              || probability > ceiling;
      boolean critical = needsHuman || planned.type().destructive();
      assertTrue(
          !critical
              || policy.criticalWindows().isEmpty()
              || policy.criticalWindows().stream().anyMatch(x -> x.contains(approvedAt)),
          "critical outside its window, " + where);
    }
  }
}
