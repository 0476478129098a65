package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ensemble.Ensemble;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calibration on data the calibration never saw (another seed, other components), in buckets of
 * width 0.2, with a stated tolerance: in every bucket holding at least {@value #MIN_COUNT} windows,
 * the observed failure rate is within {@code max(0.1, 3 x SE)} of the mean prediction, SE being the
 * bucket's standard error if the predictions were right. Windows of one component are counted as
 * fully correlated (they overlap by all but one step and share one incident, so 31 windows from 19
 * components are about 19 outcomes, not 31): {@code SE = sqrt(sum over components of (sum over its
 * windows in the bucket of sqrt(p (1 - p)))^2) / n}. And the expected calibration error (the
 * count-weighted mean of |mean predicted - observed|) is at most {@value #MAX_ECE} for the ensemble
 * and {@value #MAX_MEMBER_ECE} for each member (the members' probabilities are the stacker's inputs
 * and each model's reported part, not the alerting probability).
 */
@Tag("statistical")
class CalibrationHoldsTest {

  static final int MIN_COUNT = 30;
  static final double MIN_TOLERANCE = 0.1;
  static final double STANDARD_ERRORS = 3;
  static final double MAX_ECE = 0.02;
  static final double MAX_MEMBER_ECE = 0.03;

  /**
   * The tolerance of one bucket: max(0.1, 3 standard errors, windows of one component fully
   * correlated).
   */
  static double tolerance(double[] p, List<ComponentWindow> w, int[] members) {
    Map<String, Double> byComponent = new HashMap<>();
    for (int i : members) {
      byComponent.merge(w.get(i).component(), Math.sqrt(p[i] * (1 - p[i])), Double::sum);
    }
    double var = 0;
    for (double s : byComponent.values()) {
      var += s * s;
    }
    return Math.max(MIN_TOLERANCE, STANDARD_ERRORS * Math.sqrt(var) / members.length);
  }

  /** Asserts the stated tolerances, bucket by bucket, and the expected calibration error. */
  static void assertCalibrated(
      String what, double[] p, boolean[] y, List<ComponentWindow> w, double maxEce) {
    int buckets = 5;
    double[][] rel = Metrics.reliability(p, y, buckets);
    StringBuilder table = new StringBuilder();
    double ece = 0;
    int checked = 0;
    String failure = null;
    for (int b = 0; b < buckets; b++) {
      final int bucket = b;
      int[] members =
          java.util.stream.IntStream.range(0, p.length)
              .filter(i -> Math.min(buckets - 1, (int) (p[i] * buckets)) == bucket)
              .toArray();
      double[] r = rel[b];
      double tol = members.length == 0 ? 1 : tolerance(p, w, members);
      long comps =
          java.util.Arrays.stream(members).mapToObj(i -> w.get(i).component()).distinct().count();
      table.append(
          String.format(
              Locale.ROOT,
              "%n  [%.1f-%.1f) n=%d components=%d pred=%.3f obs=%.3f off=%+.3f tolerance %.3f",
              r[0],
              r[0] + 0.2,
              (int) r[1],
              comps,
              r[2],
              r[3],
              r[3] - r[2],
              tol));
      ece += r[1] * Math.abs(r[2] - r[3]) / p.length;
      boolean judged = r[1] >= MIN_COUNT;
      if (judged) {
        checked++;
        if (Math.abs(r[2] - r[3]) > tol && failure == null) {
          failure = what + " bucket " + r[0] + " off by " + Math.abs(r[2] - r[3]) + " > " + tol;
        }
      }
    }
    System.out.println(
        what + " reliability (ECE " + String.format(Locale.ROOT, "%.4f", ece) + "):" + table);
    assertTrue(failure == null, failure + ":" + table);
    assertTrue(
        ece <= maxEce, what + ": expected calibration error " + ece + " > " + maxEce + ":" + table);
    assertTrue(checked >= 2, what + ": too few populated buckets to judge:" + table);
  }

  @Test
  void shouldKeepEnsembleProbabilitiesCalibratedOnHeldOutData() {
    Ensemble e = TrainedFixture.ensemble();
    List<ComponentWindow> w = SyntheticData.windows(TrainedFixture.testSet());
    assertCalibrated(
        "ensemble", e.probabilities(w), SyntheticData.labels(TrainedFixture.testSet()), w, MAX_ECE);
  }

  @Test
  void shouldKeepEachMemberCalibratedOnHeldOutData() {
    List<ComponentWindow> w = SyntheticData.windows(TrainedFixture.testSet());
    boolean[] y = SyntheticData.labels(TrainedFixture.testSet());
    for (FailureModel m : TrainedFixture.ensemble().members().values()) {
      assertCalibrated(
          m.name(),
          m.scoreBatch(w).stream().mapToDouble(ModelScore::probability).toArray(),
          y,
          w,
          MAX_MEMBER_ECE);
    }
  }

  @Test
  void shouldCountCorrelatedWindowsOfOneComponentOnceInTheTolerance() {
    ComponentWindow a = SyntheticData.windows(TrainedFixture.testSet()).get(0);
    List<ComponentWindow> sameComponent = java.util.Collections.nCopies(100, a);
    double[] p = new double[100];
    java.util.Arrays.fill(p, 0.5);
    int[] all = java.util.stream.IntStream.range(0, 100).toArray();
    // 100 windows of one component: one outcome, SE 0.5; independent windows would give 0.05
    assertTrue(
        Math.abs(tolerance(p, sameComponent, all) - 1.5) < 1e-9,
        "tolerance " + tolerance(p, sameComponent, all));
  }
}
