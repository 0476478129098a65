package io.augur.chaos.targeting;

import static io.augur.chaos.Fixtures.T0;
import static io.augur.chaos.Fixtures.outcome;
import static io.augur.chaos.Fixtures.prediction;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.chaos.Fixtures.MutableClock;
import io.augur.domain.ExperimentOutcome.Status;
import io.augur.domain.FailurePrediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scripted sequence of predictions and outcomes, with the ranking the README's formula gives at
 * each step (all three components have the same blast radius, so B cancels out of the order).
 */
class ScriptedRankingTest {
  private final MutableClock clock = new MutableClock(T0);
  private final TargetRanker ranker = new TargetRanker(RankingConfig.DEFAULT, clock);
  private final List<FailurePrediction> stream = new ArrayList<>();
  private final ExperimentHistory history = new ExperimentHistory();

  private List<String> order() {
    return ranker.rank(stream, history, Topology.fromPredictions(stream, 4)).stream()
        .map(RankedTarget::component)
        .toList();
  }

  private void predict(String c, double p, double m1, double m2) {
    stream.add(prediction(c, p, Map.of("lstm", m1, "forest", m2), clock.millis()));
  }

  private void experimentOn(String c) {
    history.add(outcome(c, Status.PASSED, clock.millis(), clock.millis() + 60_000));
  }

  @Test
  void shouldMoveTheRankingAsDocumented() {
    // step 1: A p=.55 agree (U=.9, 1.045), B p=.9 agree (U=.2, 1.08), C p=.2 split .0/.4
    // (U=1-.6*.6=.64, .328)
    predict("a/a-0", 0.55, 0.55, 0.55);
    predict("b/b-0", 0.9, 0.9, 0.9);
    predict("c/c-0", 0.2, 0.0, 0.4);
    assertEquals(List.of("b/b-0", "a/a-0", "c/c-0"), order());

    // step 2: an experiment on B just now: L = 1, R = 1/2, B scores .54
    experimentOn("b/b-0");
    assertEquals(List.of("a/a-0", "b/b-0", "c/c-0"), order());

    // step 3: two hours later C's models split .1/.9 around p=.5: U = 1, C scores 1.0 (A 1.045,
    // B 1.08 / (1 + 2^(-2/24)) = .555)
    clock.advance(Duration.ofHours(2));
    predict("c/c-0", 0.5, 0.1, 0.9);
    assertEquals(List.of("a/a-0", "c/c-0", "b/b-0"), order());

    // step 4: an experiment on A: A 1.045/2 = .5225 drops below B's .555
    experimentOn("a/a-0");
    assertEquals(List.of("c/c-0", "b/b-0", "a/a-0"), order());

    // step 5: three days on, both loads have decayed (B 2^(-74/24) = .118, A .125): B .966, A .929;
    // C's newest prediction falls to p=.05 with agreeing models (.05 * 1.1 = .055)
    clock.advance(Duration.ofDays(3));
    predict("c/c-0", 0.05, 0.05, 0.05);
    assertEquals(List.of("b/b-0", "a/a-0", "c/c-0"), order());
  }
}
