package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ensemble.Ensemble;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calibration on data the calibration never saw (another seed, other components), judged two
 * ways with stated tolerances: the expected calibration error (the count-weighted mean of
 * |mean predicted - observed rate| over buckets of width 0.2) is at most 0.03, and in every bucket
 * holding at least 30 windows the observed failure rate is within 0.35 of the mean prediction. The
 * second tolerance is loose on purpose: on unseen components the middle range (0.4-0.8) is
 * over-confident by up to about 0.3 (recorded in the README); the ends, where almost all windows
 * fall, are within a few hundredths.
 */
class CalibrationHoldsTest {

  static final int MIN_COUNT = 30;
  static final double BUCKET_TOLERANCE = 0.35;
  static final double MAX_ECE = 0.03;

  private static void assertCalibrated(String what, double[] p, boolean[] y) {
    double[][] rel = Metrics.reliability(p, y, 5);
    StringBuilder table = new StringBuilder();
    double ece = 0;
    for (double[] b : rel) {
      table.append(String.format("[%.1f: n=%d pred=%.3f obs=%.3f] ", b[0], (int) b[1], b[2], b[3]));
      ece += b[1] * Math.abs(b[2] - b[3]) / p.length;
    }
    assertTrue(ece <= MAX_ECE, what + ": expected calibration error " + ece + " > " + MAX_ECE + ": " + table);
    int checked = 0;
    for (double[] b : rel) {
      if (b[1] >= MIN_COUNT) {
        checked++;
        assertTrue(Math.abs(b[2] - b[3]) <= BUCKET_TOLERANCE, what + " bucket " + b[0] + " off by more than "
            + BUCKET_TOLERANCE + ": " + table);
      }
    }
    assertTrue(checked >= 2, what + ": too few populated buckets to judge: " + table);
  }

  @Test
  void shouldKeepEnsembleProbabilitiesCalibratedOnHeldOutData() {
    Ensemble e = TrainedFixture.ensemble();
    List<ComponentWindow> w = SyntheticData.windows(TrainedFixture.testSet());
    assertCalibrated("ensemble", e.probabilities(w), SyntheticData.labels(TrainedFixture.testSet()));
  }

  @Test
  void shouldKeepEachMemberCalibratedOnHeldOutData() {
    List<ComponentWindow> w = SyntheticData.windows(TrainedFixture.testSet());
    boolean[] y = SyntheticData.labels(TrainedFixture.testSet());
    for (FailureModel m : TrainedFixture.ensemble().members().values()) {
      assertCalibrated(m.name(), m.scoreBatch(w).stream().mapToDouble(ModelScore::probability).toArray(), y);
    }
  }
}
