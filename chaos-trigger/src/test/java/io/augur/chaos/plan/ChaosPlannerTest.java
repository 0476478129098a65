package io.augur.chaos.plan;

import static io.augur.chaos.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.Fixtures.MutableClock;
import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.Names;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.chaos.manifest.ChaosMeshManifests;
import io.augur.chaos.manifest.WorkflowOptions;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.chaos.targeting.RankedTarget;
import io.augur.chaos.targeting.RankingConfig;
import io.augur.chaos.targeting.TargetRanker;
import io.augur.chaos.targeting.Topology;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosPlannerTest {
  private final MutableClock clock = new MutableClock(T0);
  private final SafetyPolicy policy = SafetyPolicy.defaults(Set.of("default"));

  private static FailurePrediction p(String component, String replicas, double prob, String mode) {
    return new FailurePrediction(
        component,
        replicas == null ? Map.of() : Map.of("replicas", replicas),
        T0.toEpochMilli(),
        prob,
        Severity.of(prob),
        null,
        List.of(),
        mode,
        List.of(),
        List.of(),
        Map.of(),
        "m");
  }

  private List<PlannedExperiment> plan(List<FailurePrediction> ps, int max) {
    Topology topo = Topology.fromPredictions(ps, 4);
    List<RankedTarget> ranked =
        new TargetRanker(RankingConfig.DEFAULT, clock).rank(ps, new ExperimentHistory(), topo);
    return new ChaosPlanner(policy, "default", clock).plan(ranked, topo, max);
  }

  private static List<FailurePrediction> fleet(
      FailurePrediction target, String fillerReplicas, int fillers) {
    List<FailurePrediction> ps = new ArrayList<>(List.of(target));
    for (int i = 0; i < fillers; i++) {
      ps.add(p("f" + i + "/f" + i + "-0", fillerReplicas, 0.01, "unknown"));
    }
    return ps;
  }

  @Test
  void shouldRollOutOnePodThenTheLargestPercentWithinTheLimit() {
    // checkout: 40 pods of 200; limit 0.05 -> at most 10 pods -> 25%
    PlannedExperiment e =
        plan(fleet(p("checkout/checkout-0", "40", 0.8, "memory-leak"), "10", 16), 1).get(0);
    assertEquals(List.of(RolloutStep.onePod(), RolloutStep.percentOf(25, 40)), e.rollout());
    assertEquals(10, e.rollout().get(1).podsHit());
    assertEquals(0.05, e.plan().blastRadius(), 1e-12);
    assertEquals(ExperimentType.MEMORY_STRESS, e.type());
    assertTrue(e.plan().requiresApproval(), "0.05 > approvalAbove 0.02");
    assertEquals(
        policy.abortConditions().stream().map(AbortCondition::trigger).toList(),
        e.plan().rollbackTriggers());
    assertEquals("one pod then 25% (10 pods)", e.plan().evidence().get("rollout"));
  }

  @Test
  void shouldStayAtOnePodWhenNoLargerStepFits() {
    // cart: 3 pods of 24; one pod is 0.0417, two would be 0.083 > 0.05: only the first step fits
    PlannedExperiment e =
        plan(fleet(p("cart/cart-0", "3", 0.8, "cpu-saturation"), "3", 7), 1).get(0);
    assertEquals(List.of(RolloutStep.onePod()), e.rollout());
    assertEquals(1.0 / 24, e.plan().blastRadius(), 1e-12);
    assertTrue(e.plan().requiresApproval(), "1/24 = 0.0417 > 0.02 needs approval");
  }

  @Test
  void shouldLimitByTrafficShareWhenKnown() {
    // checkout: 40 pods of 200 but 30% of all traffic: one pod is 0.0075 of the traffic; 0.05
    // allows
    // 6 pods (0.045) -> 16% (ceil(6.4) = 7 pods is 0.0525, too much) -> 15% = 6 pods
    FailurePrediction t =
        new FailurePrediction(
            "checkout/checkout-0",
            Map.of("replicas", "40", "traffic_share", "0.3"),
            T0.toEpochMilli(),
            0.8,
            Severity.MEDIUM,
            null,
            List.of(),
            "memory-leak",
            List.of(),
            List.of(),
            Map.of(),
            "m");
    PlannedExperiment e = plan(fleet(t, "10", 16), 1).get(0);
    assertEquals(List.of(RolloutStep.onePod(), RolloutStep.percentOf(15, 40)), e.rollout());
    assertEquals(0.3 * 6 / 40, e.plan().blastRadius(), 1e-12);
  }

  @Test
  void shouldOnlyPlanRolloutsWithinTheLimitWheneverOnePodFits() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(99);
    for (int i = 0; i < 500; i++) {
      int services = 1 + rnd.nextInt(60);
      List<FailurePrediction> ps = new ArrayList<>();
      for (int k = 0; k < services; k++) {
        Map<String, String> labels =
            new java.util.HashMap<>(Map.of("replicas", Integer.toString(1 + rnd.nextInt(50))));
        if (rnd.nextBoolean()) {
          labels.put("traffic_share", Double.toString(rnd.nextDouble() * 0.5));
        }
        List<String> affected = rnd.nextInt(4) == 0 ? List.of("x/x-0", "y/y-0") : List.of();
        ps.add(
            new FailurePrediction(
                "s" + k + "/s" + k + "-0",
                labels,
                T0.toEpochMilli(),
                rnd.nextDouble(),
                Severity.NONE,
                null,
                affected,
                "memory-leak",
                List.of(),
                List.of(),
                Map.of(),
                "m"));
      }
      SafetyPolicy pol = policy.withLimits(0.01 + rnd.nextDouble() * 0.09, 0.05, false, 0.02);
      Topology topo = Topology.fromPredictions(ps, 4);
      List<RankedTarget> ranked =
          new TargetRanker(RankingConfig.DEFAULT, clock).rank(ps, new ExperimentHistory(), topo);
      for (PlannedExperiment e : new ChaosPlanner(pol, "default", clock).plan(ranked, topo, 3)) {
        boolean onePodFits =
            PlannedExperiment.blastRadius(
                    e.selection(), RolloutStep.onePod(), e.affectedComponents())
                <= pol.blastLimit();
        if (onePodFits && e.type() != ExperimentType.NODE_FAILURE) {
          for (RolloutStep step : e.rollout()) {
            int c = i;
            assertTrue(
                e.stepBlastRadius(step) <= pol.blastLimit(),
                () -> "case " + c + ": " + step + " of " + e);
          }
          assertTrue(e.plan().blastRadius() <= pol.blastLimit());
        }
      }
    }
  }

  @Test
  void shouldGroupInstancesOfAServiceInTheTopology() {
    Topology t =
        Topology.fromPredictions(
            List.of(
                p("a/a-0", null, 0.1, "u"),
                p("a/a-1", null, 0.1, "u"),
                p("a/a-2", null, 0.1, "u"),
                p("b/b-0", null, 0.1, "u")),
            4);
    assertEquals(3, t.pods(p("a/a-9", null, 0.1, "u")));
    assertEquals(4, t.pods(p("b/b-0", null, 0.1, "u")));
    assertEquals(7, t.totalPods());
  }

  @Test
  void shouldGiveEachPlanItsOwnId() {
    List<FailurePrediction> ps = fleet(p("a/a-0", "20", 0.8, "memory-leak"), "20", 10);
    ps.add(p("a/a-1", "20", 0.79, "memory-leak"));
    List<PlannedExperiment> plans = plan(ps, 2);
    assertNotEquals(plans.get(0).plan().id(), plans.get(1).plan().id());
    plans.forEach(x -> assertTrue(Names.isDns1123Label(x.plan().id()), x.plan().id()));
  }

  @Test
  void shouldHitThePredictedPodByNameInTheFirstStepOnly() {
    ApprovedPlan a = TestPlans.approved(ExperimentType.POD_KILL);
    ChaosMeshManifests mesh = new ChaosMeshManifests(WorkflowOptions.DEFAULT);
    JsonNode sel = mesh.chaos(a).path("spec").path("selector");
    assertEquals("checkout-7d9f8-x2k4q", sel.path("pods").path("prod").path(0).asText());
    JsonNode wf = mesh.workflow("w", List.of(a), List.of("up"));
    JsonNode step2 =
        wf.path("spec").path("templates").findValues("podChaos").stream()
            .filter(s -> !s.path("mode").asText().equals("one"))
            .findFirst()
            .orElseThrow();
    assertEquals("fixed", step2.path("mode").asText());
    assertEquals(
        Integer.toString(a.planned().rollout().get(1).podsHit()), step2.path("value").asText());
    for (JsonNode t : wf.path("spec").path("templates")) {
      JsonNode s = t.path("podChaos");
      if (!s.isMissingNode()) {
        assertEquals(
            s.path("mode").asText().equals("one"), s.path("selector").has("pods"), t.toString());
      }
    }
  }

  @Test
  void shouldNotBuildASelectionForAnInvalidPodName() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> new Selection("ns", Map.of("app", "a"), 1, 1, null, "Bad_Pod", null));
  }
}
