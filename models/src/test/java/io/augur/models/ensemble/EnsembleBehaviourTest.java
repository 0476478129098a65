package io.augur.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.domain.Severity;
import io.augur.models.ComponentWindow;
import io.augur.models.LogisticRegression;
import io.augur.models.SyntheticData;
import io.augur.models.TrainedFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EnsembleBehaviourTest {

  private static List<ComponentWindow> testWindows() {
    return SyntheticData.windows(TrainedFixture.testSet());
  }

  @Test
  void shouldLeaveOutAMissingMemberInsteadOfScoringItZero() {
    Ensemble full = TrainedFixture.ensemble();
    Ensemble noLstm = full.without("lstm");
    List<ComponentWindow> w = testWindows().subList(0, 200);
    double[] p = noLstm.probabilities(w);
    String chosen = full.combiner().chosen("isolation-forest+random-forest");
    LogisticRegression lr = full.combiner().forSubset(chosen);
    List<String> used = List.of(chosen.split("\\+"));
    assertFalse(used.contains("lstm"));
    List<List<io.augur.models.ModelScore>> scores =
        used.stream().map(n -> full.members().get(n).scoreBatch(w)).toList();
    for (int i = 0; i < w.size(); i++) {
      double[] x = new double[used.size()];
      for (int k = 0; k < x.length; k++) {
        x[k] = LogisticRegression.logit(scores.get(k).get(i).probability());
      }
      assertEquals(full.combiner().output(chosen).apply(lr.predict(x)), p[i], 1e-12, "window " + i);
    }
    List<FailurePrediction> preds = noLstm.predict(w);
    assertTrue(
        preds.stream()
            .allMatch(
                x ->
                    x.modelParts()
                        .keySet()
                        .equals(java.util.Set.of("isolation-forest", "random-forest"))));
  }

  @Test
  void shouldScoreWithASingleRemainingMember() {
    Ensemble only = TrainedFixture.ensemble().without("lstm").without("random-forest");
    assertEquals(200, only.predict(testWindows().subList(0, 200)).size());
  }

  @Test
  void shouldApplyConfiguredThresholds() {
    Ensemble e = TrainedFixture.ensemble();
    List<ComponentWindow> w = testWindows();
    List<FailurePrediction> byDefault = e.predict(w);
    for (FailurePrediction p : byDefault) {
      assertEquals(Severity.of(p.probability()), p.severity());
    }
    Ensemble strict = e.withConfig(e.config().withThresholds(0.95, 0.99));
    List<FailurePrediction> stricter = strict.predict(w);
    long mediumDefault = byDefault.stream().filter(p -> p.severity() != Severity.NONE).count();
    long mediumStrict = stricter.stream().filter(p -> p.severity() != Severity.NONE).count();
    assertTrue(mediumStrict < mediumDefault, mediumStrict + " vs " + mediumDefault);
    for (FailurePrediction p : stricter) {
      assertEquals(Severity.of(p.probability(), 0.95, 0.99), p.severity());
    }
  }

  @Test
  void shouldExplainEveryAlert() {
    List<FailurePrediction> preds = TrainedFixture.ensemble().predict(testWindows());
    List<FailurePrediction> alerts =
        preds.stream().filter(p -> p.severity() != Severity.NONE).toList();
    assertFalse(alerts.isEmpty());
    for (FailurePrediction p : alerts) {
      assertEquals(3, p.modelParts().size());
      assertFalse(p.contributingFeatures().isEmpty(), p.toString());
      assertTrue(p.contributingFeatures().size() <= 5);
      double sum = p.contributingFeatures().stream().mapToDouble(c -> c.weight()).sum();
      assertTrue(
          sum <= p.probability() + 1e-9,
          "contributions sum " + sum + " > probability " + p.probability());
      assertNotNull(p.predictedFailureTimeMs());
      assertTrue(p.predictedFailureTimeMs() >= p.timestampMs());
      assertTrue(p.affectedComponents().contains(p.component()));
      assertFalse(p.recommendedActions().isEmpty());
      assertEquals(TrainedFixture.ensemble().version(), p.modelVersion());
    }
    FailurePrediction quiet =
        preds.stream().filter(p -> p.severity() == Severity.NONE).findFirst().orElseThrow();
    assertNull(quiet.predictedFailureTimeMs());
  }

  @Test
  void shouldPredictCrossingOfAConfiguredLimitFromTheTrend() {
    FeatureSchema s = SyntheticData.SCHEMA;
    List<FeatureVector> ramp = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      double[] v = new double[s.size()];
      v[0] = 100 + 10 * t; // +10 per 15 s step, at 170 at the end
      ramp.add(new FeatureVector("a/b", Map.of(), 1_000_000L + t * 15_000L, s, v));
    }
    FailureLimits limits =
        new FailureLimits(new double[s.size()], new int[s.size()])
            .withConfigured(s, Map.of("f0", 270.0));
    Long t = limits.crossingMs(ComponentWindow.of(ramp), 0, 3_600_000L);
    assertNotNull(t);
    long expected = 1_000_000L + 7 * 15_000L + 10 * 15_000L; // 100 more at 10 per step
    assertEquals(expected, t, 2 * 15_000L);
    assertNull(limits.crossingMs(ComponentWindow.of(ramp), 1, 3_600_000L), "no limit, no estimate");
  }

  @Test
  void shouldRefuseALimitForAnUnknownFeature() {
    FeatureSchema s = SyntheticData.SCHEMA;
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FailureLimits(new double[s.size()], new int[s.size()])
                    .withConfigured(s, Map.of("nope", 1.0)));
    assertTrue(e.getMessage().contains("nope"));
  }

  @Test
  void shouldScoreIdenticallyFromSeveralThreads() throws Exception {
    Ensemble e = TrainedFixture.ensemble();
    List<ComponentWindow> w = testWindows().subList(0, 400);
    double[] sequential = e.probabilities(w);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(pool.submit(() -> e.probabilities(w)));
      }
      for (Future<double[]> f : fs) {
        assertTrue(java.util.Arrays.equals(sequential, f.get()), "concurrent scoring differs");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRefuseWindowsOfAnotherSchema() {
    FeatureSchema other = new FeatureSchema("other", 1, List.of("x"));
    ComponentWindow w =
        ComponentWindow.of(List.of(new FeatureVector("a/b", Map.of(), 0, other, new double[] {1})));
    var ex =
        assertThrows(
            IllegalArgumentException.class, () -> TrainedFixture.ensemble().predict(List.of(w)));
    assertTrue(ex.getMessage().contains("schema mismatch"), ex.getMessage());
  }

  @Test
  void shouldRecommendActionsPerFailureMode() {
    assertTrue(
        FailureModeActions.actionsFor("memory-leak").stream().anyMatch(a -> a.contains("restart")));
    assertTrue(
        FailureModeActions.actionsFor("memory-leak").stream()
            .anyMatch(a -> a.contains("roll back")));
    assertTrue(
        FailureModeActions.actionsFor("disk-fill").stream().anyMatch(a -> a.contains("expand")));
    assertTrue(
        FailureModeActions.actionsFor("disk-fill").stream().anyMatch(a -> a.contains("clean")));
    for (io.augur.fleet.FailureMode m : io.augur.fleet.FailureMode.values()) {
      assertFalse(FailureModeActions.actionsFor(m).isEmpty(), m.id());
    }
    assertEquals(FailureModeActions.UNKNOWN, FailureModeActions.actionsFor("unknown"));
  }
}
