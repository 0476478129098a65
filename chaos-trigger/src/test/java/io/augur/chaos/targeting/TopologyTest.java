package io.augur.chaos.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {
  private static FailurePrediction p(
      String svc, int pod, Map<String, String> extra, List<String> affected) {
    String c = svc + "/" + svc + "-" + pod;
    Map<String, String> labels = new java.util.HashMap<>(Map.of("job", svc));
    labels.putAll(extra);
    return new FailurePrediction(
        c,
        labels,
        1000L,
        0.8,
        Severity.of(0.8),
        null,
        affected,
        "memory-leak",
        List.of(),
        List.of(),
        Map.of("m", 0.8),
        "t");
  }

  @Test
  void shouldPreferReplicaCountsFromTheClusterOverLabelsInstancesAndTheDefault() {
    List<FailurePrediction> preds =
        List.of(
            p("payments", 0, Map.of("replicas", "3"), List.of()),
            p("cart", 0, Map.of(), List.of()),
            p("cart", 1, Map.of(), List.of()),
            p("auth", 0, Map.of(), List.of()));
    Topology fromPredictions = Topology.fromPredictions(preds, 5);
    assertEquals(3, fromPredictions.pods(preds.get(0)), "replicas label");
    assertEquals(2, fromPredictions.pods(preds.get(1)), "instances seen");
    assertEquals(5, fromPredictions.pods(preds.get(3)), "the configured default");
    assertEquals(10, fromPredictions.totalPods());
    Topology known =
        Topology.fromPredictions(preds, Map.of("payments", 6, "auth", 4, "gone", 9), 5);
    assertEquals(6, known.pods(preds.get(0)), "kube-state-metrics wins over the label");
    assertEquals(4, known.pods(preds.get(3)));
    assertEquals(
        12,
        known.totalPods(),
        "a service without predictions is not part of the system planned over");
  }

  @Test
  void shouldNotCountTheTargetItselfAsCollateral() {
    assertEquals(0, Topology.collateral(p("cart", 0, Map.of(), List.of("cart/cart-0"))));
    assertEquals(
        2,
        Topology.collateral(
            p("cart", 0, Map.of(), List.of("cart/cart-0", "orders/orders-0", "ledger/ledger-1"))));
  }

  @Test
  void shouldCountARunningExperimentUntilItsOutcomeArrivesOrItTimesOut() {
    ExperimentHistory h = new ExperimentHistory();
    h.addRunning(new RunningExperiment("plan-1", List.of("cart/cart-0"), "cart", 1000, 5000));
    assertTrue(h.runningAt("cart/cart-0", 2000));
    assertTrue(h.runningOnService("cart", 2000).isPresent());
    assertFalse(h.runningOnService("cart", 5000).isPresent(), "timed out");
    assertEquals(1.0, h.recencyLoad("cart/cart-0", 1000, 60_000), 1e-9);
    h.add(
        new ExperimentOutcome(
            "plan-1",
            "cart/cart-0",
            "memory-stress",
            "memory-leak",
            ExperimentOutcome.Status.PASSED,
            1000,
            1500,
            null,
            true,
            Map.of(),
            ""));
    assertFalse(h.runningAt("cart/cart-0", 2000), "the outcome ended it");
    assertFalse(h.runningOnService("cart", 2000).isPresent());
    assertEquals(
        1.0, h.recencyLoad("cart/cart-0", 1000, 60_000), 1e-9, "counted once, as the outcome");
  }
}
