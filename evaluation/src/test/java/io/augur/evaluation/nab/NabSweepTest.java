package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabSweepTest {

  /** 100 rows (probation = 15) with windows at rows 40..49 and 70..79. */
  static NabDataFile twoWindowFile() {
    int n = 100;
    List<String> ts = new ArrayList<>();
    long[] millis = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      ts.add(String.format("2020-01-01 00:%02d:00", i % 60));
      millis[i] = i * 60_000L;
    }
    return new NabDataFile(
        "cat/file.csv", ts, millis, values, List.of(new NabWindow(40, 49), new NabWindow(70, 79)));
  }

  static double[] flags(int n, int... rows) {
    double[] s = new double[n];
    for (int r : rows) {
      s[r] = 1.0;
    }
    return s;
  }

  @Test
  void shouldMatchNabScaledSigmoidAtReferencePoints() {
    assertEquals(0.98661429815143, NabSweep.scaledSigmoid(-1.0), 1e-12);
    assertEquals(0.0, NabSweep.scaledSigmoid(0.0), 1e-15);
    assertEquals(-0.98661429815143, NabSweep.scaledSigmoid(1.0), 1e-12);
    assertEquals(-1.0, NabSweep.scaledSigmoid(3.0));
  }

  @Test
  void shouldEarnFullTruePositiveWeightAtLeftEdgeAndLessLater() {
    NabSweep sweep = NabSweep.of(twoWindowFile(), NabProfile.STANDARD);
    assertEquals(1.0, sweep.value(40), 1e-12);
    assertTrue(sweep.value(45) < sweep.value(40) && sweep.value(45) > 0);
    // the right edge (position -1/w) is never worth 0: SS(-0.1) / SS(-1) for w = 10
    assertEquals(
        NabSweep.scaledSigmoid(-0.1) / NabSweep.scaledSigmoid(-1.0), sweep.value(49), 1e-12);
  }

  @Test
  void shouldChargeFullFalsePositiveBeforeAnyWindowAndLessJustAfterOne() {
    NabSweep sweep = NabSweep.of(twoWindowFile(), NabProfile.STANDARD);
    assertEquals(-0.11, sweep.value(20), 1e-12);
    assertTrue(sweep.value(50) > -0.11 / 2, "just after a window is cheap: " + sweep.value(50));
    // after the window, distance is divided by (width - 1) = 9
    assertEquals(NabSweep.scaledSigmoid(5 / 9.0) * 0.11, sweep.value(54), 1e-12);
  }

  @Test
  void shouldCountOnlyEarliestDetectionInWindowAndEveryFalsePositive() {
    NabDataFile f = twoWindowFile();
    NabSweep sweep = NabSweep.of(f, NabProfile.STANDARD);
    double earliestOnly = sweep.score(flags(100, 42), 0.5);
    double twoInWindow = sweep.score(flags(100, 42, 47), 0.5);
    assertEquals(earliestOnly, twoInWindow, 1e-12);
    // window 1 hit at 42, window 2 missed (-1), no false positives
    assertEquals(sweep.value(42) - 1.0, earliestOnly, 1e-12);
    double withFalsePositive = sweep.score(flags(100, 42, 20), 0.5);
    assertEquals(earliestOnly - 0.11, withFalsePositive, 1e-12);
  }

  @Test
  void shouldIgnoreDetectionsInProbationaryPeriod() {
    NabSweep sweep = NabSweep.of(twoWindowFile(), NabProfile.STANDARD);
    assertEquals(-2.0, sweep.score(flags(100, 3, 10, 14), 0.5), 1e-12);
    assertEquals(NabSweep.PROBATIONARY, sweep.windowOf(14));
    assertEquals(NabSweep.OUTSIDE, sweep.windowOf(15));
  }

  @Test
  void shouldCostTwiceAsMuchPerMissedWindowUnderLowFalseNegativeProfile() {
    NabSweep sweep = NabSweep.of(twoWindowFile(), NabProfile.REWARD_LOW_FN);
    assertEquals(-4.0, sweep.score(new double[100], 0.5), 1e-12);
  }

  @Test
  void shouldRefuseScoresOfWrongLength() {
    NabSweep sweep = NabSweep.of(twoWindowFile(), NabProfile.STANDARD);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sweep.score(new double[99], 0.5));
    assertTrue(e.getMessage().contains("cat/file.csv"), e.getMessage());
  }

  @Test
  void shouldNormaliseNullToZeroAndPerfectToHundred() {
    assertEquals(0.0, NabScorer.normalise(-116, 116, NabProfile.STANDARD), 1e-12);
    assertEquals(100.0, NabScorer.normalise(116, 116, NabProfile.STANDARD), 1e-12);
    assertEquals(0.0, NabScorer.normalise(-232, 116, NabProfile.REWARD_LOW_FN), 1e-12);
    assertEquals(70.101, NabScorer.normalise(46.63445, 116, NabProfile.STANDARD), 1e-3);
  }
}
