package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdOptimizerTest {

  private static DetectorScores scoresOf(double[] s) {
    return new DetectorScores("d", Map.of("cat/file.csv", s));
  }

  @Test
  void shouldPickThresholdThatCatchesBothWindowsWithoutFalsePositives() {
    NabDataFile f = NabSweepTest.twoWindowFile();
    double[] s = new double[100];
    java.util.Arrays.fill(s, 0.1);
    s[41] = 0.8; // early in window 1
    s[72] = 0.6; // early in window 2
    s[20] = 0.5; // a false positive below both
    NabSweep sweep = NabSweep.of(f, NabProfile.STANDARD);
    ThresholdOptimizer.Candidate best = ThresholdOptimizer.optimise(List.of(sweep), scoresOf(s));
    assertEquals(0.6, best.threshold());
    assertEquals(sweep.score(s, 0.6), best.rawScore(), 1e-12);
  }

  @Test
  void shouldFlagNothingWhenEveryHighScoreIsFalsePositive() {
    NabDataFile f = NabSweepTest.twoWindowFile();
    double[] s = new double[100];
    s[20] = 0.9;
    s[30] = 0.8;
    ThresholdOptimizer.Candidate best =
        ThresholdOptimizer.optimise(List.of(NabSweep.of(f, NabProfile.STANDARD)), scoresOf(s));
    assertEquals(ThresholdOptimizer.NOTHING_FLAGGED, best.threshold());
    assertEquals(-2.0, best.rawScore(), 1e-12);
  }

  @Test
  void shouldAgreeWithDirectScoringAtEveryCandidate() {
    NabDataFile f = NabSweepTest.twoWindowFile();
    java.util.Random random = new java.util.Random(7);
    double[] s = new double[100];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.round(random.nextDouble() * 20) / 20.0;
    }
    NabSweep sweep = NabSweep.of(f, NabProfile.REWARD_LOW_FP);
    for (ThresholdOptimizer.Candidate c :
        ThresholdOptimizer.sweepCurve(List.of(sweep), scoresOf(s))) {
      assertEquals(
          sweep.score(s, c.threshold()), c.rawScore(), 1e-9, "at threshold " + c.threshold());
    }
  }
}
