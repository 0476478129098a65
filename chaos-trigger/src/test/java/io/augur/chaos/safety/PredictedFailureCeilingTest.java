package io.augur.chaos.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.domain.ExperimentPlan;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PredictedFailureCeilingTest {
  private static final SafetyPolicy POLICY =
      SafetyPolicy.defaults(java.util.Set.of("prod")).withWindows(List.of(), List.of());

  /** A small, non-destructive plan every other gate lets through without a human. */
  static PlannedExperiment plan(String target) {
    ExperimentType type = ExperimentType.CPU_SPIKE;
    List<String> triggers = POLICY.abortConditions().stream().map(AbortCondition::trigger).toList();
    ExperimentPlan plan =
        new ExperimentPlan(
            "p-1",
            List.of(target),
            "prod",
            type.id(),
            "cpu-saturation",
            60,
            0.001,
            List.of(),
            triggers,
            Map.of(),
            false,
            Fixtures.T0.toEpochMilli());
    return new PlannedExperiment(
        plan,
        type,
        new Selection("prod", Map.of("app", "svc"), 4, 1000, null, null, null),
        List.of(RolloutStep.onePod()),
        0);
  }

  private static SafetyGates gates(PreflightCheck check) {
    InMemoryMetricsSource healthy =
        new InMemoryMetricsSource().set(HealthQuery.defaults().get(0).promql(), 0.0);
    return new SafetyGates(
        POLICY, new HealthGate(healthy), List.of(check), new MutableClock(Fixtures.T0));
  }

  private static PreflightCheck ceiling(double probability) {
    return PreflightCheck.predictedFailureCeilingFrom(
        t -> OptionalDouble.of(probability), PredictedFailureCeiling.DEFAULT_CEILING);
  }

  @Test
  void shouldAskForAHumanWhenAugurPredictsTheTargetFailsOnItsOwn() {
    SafetyGates gates = gates(ceiling(0.95));
    GateDecision d = gates.evaluate(plan("svc/svc-0"));
    assertEquals(GateDecision.Status.NEEDS_APPROVAL, d.status(), d.reasons().toString());
    assertEquals(1, d.reasons().size(), d.reasons().toString());
    assertTrue(
        d.reasons().get(0).contains("svc/svc-0 with probability 0.9500 > ceiling 0.9000"),
        d.reasons().get(0));
  }

  @Test
  void shouldLetANamedHumanAcceptAPredictedFailureAndSaySo() {
    ApprovedPlan a = gates(ceiling(0.95)).approve(plan("svc/svc-0"), "alice");
    assertEquals("alice", a.approvedBy());
    GateDecision d = gates(ceiling(0.95)).review(plan("svc/svc-0"), "alice");
    assertTrue(
        d.reasons().get(1).startsWith("accepted by alice: pre-flight: Augur predicts failure"),
        d.reasons().toString());
  }

  @Test
  void shouldNotLetThePolicyAcceptAPredictedFailure() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> gates(ceiling(0.95)).approve(plan("svc/svc-0"), SafetyGates.POLICY));
    assertTrue(e.getMessage().contains("must name a person"), e.getMessage());
  }

  @Test
  void shouldPassATargetAtOrBelowTheCeilingWithoutAHuman() {
    GateDecision d = gates(ceiling(0.9)).evaluate(plan("svc/svc-0"));
    assertEquals(GateDecision.Status.APPROVED, d.status(), d.reasons().toString());
    assertEquals(SafetyGates.POLICY, d.approvedPlan().approvedBy());
  }

  @Test
  void shouldDeferAnUnknownProbabilityEvenWithAHumanApprover() {
    List<Function<String, OptionalDouble>> unknowns =
        List.of(
            t -> OptionalDouble.empty(),
            t -> {
              throw new MetricsUnavailableException("prometheus down");
            },
            t -> OptionalDouble.of(Double.NaN));
    for (Function<String, OptionalDouble> f : unknowns) {
      SafetyGates gates = gates(PreflightCheck.predictedFailureCeilingFrom(f, 0.9));
      GateDecision d = gates.evaluate(plan("svc/svc-0"));
      assertEquals(GateDecision.Status.DEFERRED, d.status(), d.reasons().toString());
      assertTrue(
          d.reasons().get(0).contains("probability of svc/svc-0 is unknown"),
          d.reasons().toString());
      assertEquals(GateDecision.Status.DEFERRED, gates.review(plan("svc/svc-0"), "alice").status());
      assertThrows(IllegalStateException.class, () -> gates.approve(plan("svc/svc-0"), "alice"));
    }
  }

  @Test
  void shouldFailClosedForCallersThatOnlyReadTheFailure() {
    assertNotNull(
        ceiling(0.95).failure(plan("svc/svc-0"), 0),
        "an above-ceiling target is a failure to a plain caller");
  }

  @Test
  void shouldReadTheJobsGaugeUnderTheReportersLabelValue() {
    InMemoryMetricsSource m =
        new InMemoryMetricsSource()
            .set(
                "max(flink_taskmanager_job_task_operator_augur_component_predicted_failure_probability{component=\"checkout_checkout_0:8080\"})",
                0.97);
    GateDecision d =
        gates(PreflightCheck.predictedFailureCeiling(m, 0.9))
            .evaluate(plan("checkout/checkout-0:8080"));
    assertEquals(GateDecision.Status.NEEDS_APPROVAL, d.status(), d.reasons().toString());
    assertTrue(d.reasons().get(0).contains("0.9700"), d.reasons().toString());
  }

  @Test
  void shouldRefuseACeilingThatIsNotAProbability() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PreflightCheck.predictedFailureCeilingFrom(t -> OptionalDouble.of(0.1), 1.5));
    assertTrue(e.getMessage().contains("ceiling"), e.getMessage());
  }

  @Test
  void shouldOnlyEverLetAnAboveCeilingTargetThroughWithAPersonsName() {
    SplittableRandom rnd = new SplittableRandom(16);
    int above = 0;
    for (int i = 0; i < 2000; i++) {
      double p = rnd.nextDouble();
      double c = rnd.nextDouble();
      SafetyGates gates =
          gates(PreflightCheck.predictedFailureCeilingFrom(t -> OptionalDouble.of(p), c));
      GateDecision d = gates.evaluate(plan("svc/svc-0"));
      if (p > c) {
        above++;
        assertEquals(GateDecision.Status.NEEDS_APPROVAL, d.status(), "p " + p + " ceiling " + c);
        assertEquals("bob", gates.approve(plan("svc/svc-0"), "bob").approvedBy());
      } else {
        assertEquals(SafetyGates.POLICY, d.approvedPlan().approvedBy(), "p " + p + " ceiling " + c);
      }
    }
    assertTrue(above > 500 && above < 1500, "both sides reached, above: " + above);
  }
}
