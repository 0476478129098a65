package io.augur.chaos.targeting;

import static io.augur.chaos.Fixtures.T0;
import static io.augur.chaos.Fixtures.outcome;
import static io.augur.chaos.Fixtures.prediction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.Fixtures.MutableClock;
import io.augur.domain.ExperimentOutcome.Status;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetRankerTest {
  private final MutableClock clock = new MutableClock(T0);
  private final TargetRanker ranker = new TargetRanker(RankingConfig.DEFAULT, clock);

  private List<RankedTarget> rank(List<FailurePrediction> ps, ExperimentHistory h) {
    return ranker.rank(ps, h, Topology.fromPredictions(ps, 4));
  }

  @Test
  void shouldComputeScoreFromTheDocumentedFormula() {
    // p = 0.6, parts 0.2 and 0.8: u_p = 0.8, stddev 0.3 -> u_d = 0.6, U = 1 - 0.2 * 0.4 = 0.92
    // 3 components x 4 pods = 12 pods; blast b = 1/12, B = 1 / (1 + (1/12)/0.1) = 1/1.8333
    // one experiment exactly one half-life ago: L = 0.5, R = 1/1.5
    List<FailurePrediction> ps =
        List.of(
            prediction("a/a-0", 0.6, Map.of("lstm", 0.2, "forest", 0.8), T0.toEpochMilli()),
            prediction("b/b-0", 0.1),
            prediction("c/c-0", 0.1));
    ExperimentHistory h =
        new ExperimentHistory(
            List.of(
                outcome(
                    "a/a-0",
                    Status.PASSED,
                    T0.minus(Duration.ofHours(24)).toEpochMilli(),
                    T0.minus(Duration.ofHours(24)).toEpochMilli() + 60_000)));
    RankedTarget a = rank(ps, h).get(0);
    double expected = 0.6 * 1.92 * (1 / 1.5) * (1 / (1 + (1.0 / 12) / 0.1));
    assertEquals("a/a-0", a.component());
    assertEquals(expected, a.score(), 1e-12);
    assertEquals(0.92, a.uncertainty(), 1e-12);
    assertEquals(0.6, a.disagreement(), 1e-12);
    assertEquals(0.5, a.recencyLoad(), 1e-12);
    assertEquals(expected, Double.parseDouble(a.evidence().get("score")), 1e-4);
  }

  @Test
  void shouldRaiseTargetsWhereModelsAreUnsure() {
    // Same probability, but the models disagree on b: b ranks first.
    long ts = T0.toEpochMilli();
    List<FailurePrediction> ps =
        List.of(
            prediction("a/a-0", 0.2, Map.of("lstm", 0.2, "forest", 0.2), ts),
            prediction("b/b-0", 0.2, Map.of("lstm", 0.0, "forest", 0.4, "iforest", 0.2), ts));
    List<RankedTarget> r = rank(ps, new ExperimentHistory());
    assertEquals("b/b-0", r.get(0).component());
    // and a probability near 0.5 outranks a confident low one
    List<RankedTarget> r2 =
        rank(List.of(prediction("x/x-0", 0.5), prediction("y/y-0", 0.3)), new ExperimentHistory());
    assertEquals("x/x-0", r2.get(0).component());
    assertEquals(1.0, r2.get(0).uncertainty(), 1e-12);
  }

  @Test
  void shouldLowerTargetsExperimentedOnRecentlyAndLetThatDecay() {
    List<FailurePrediction> ps = List.of(prediction("a/a-0", 0.7), prediction("b/b-0", 0.55));
    ExperimentHistory h = new ExperimentHistory();
    assertEquals("a/a-0", rank(ps, h).get(0).component());
    h.add(outcome("a/a-0", Status.PASSED, T0.toEpochMilli() - 60_000, T0.toEpochMilli() - 1));
    assertEquals("b/b-0", rank(ps, h).get(0).component());
    clock.advance(Duration.ofDays(5)); // five half-lives later a is back on top
    assertEquals("a/a-0", rank(ps, h).get(0).component());
  }

  @Test
  void shouldLowerTargetsWithLargerBlastRadius() {
    long ts = T0.toEpochMilli();
    FailurePrediction wide =
        new FailurePrediction(
            "a/a-0",
            Map.of(),
            ts,
            0.6,
            Severity.NONE,
            null,
            List.of("b/b-0", "c/c-0", "d/d-0"),
            "unknown",
            List.of(),
            List.of(),
            Map.of(),
            "m");
    FailurePrediction narrow = prediction("e/e-0", 0.55);
    List<RankedTarget> r = rank(List.of(wide, narrow), new ExperimentHistory());
    assertEquals("e/e-0", r.get(0).component());
    assertTrue(r.get(1).blastRadius() > r.get(0).blastRadius());
  }

  @Test
  void shouldUseOnlyTheLatestPredictionPerComponent() {
    List<FailurePrediction> ps =
        List.of(
            prediction("a/a-0", 0.9, Map.of(), 1_000),
            prediction("a/a-0", 0.05, Map.of(), 2_000),
            prediction("b/b-0", 0.4, Map.of(), 1_500));
    List<RankedTarget> r = rank(ps, new ExperimentHistory());
    assertEquals(2, r.size());
    assertEquals("b/b-0", r.get(0).component());
    assertEquals(0.05, r.get(1).prediction().probability());
  }

  @Test
  void shouldRejectNonPositiveHalfLife() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new RankingConfig(1, 1, Duration.ZERO, 1, 0.1));
    assertTrue(e.getMessage().contains("recencyHalfLife"));
  }
}
