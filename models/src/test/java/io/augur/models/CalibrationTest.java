package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  /** Raw scores whose true failure probability is sigmoid(-3 + 2 * raw), drawn with a seed. */
  private static double[][] sample(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] raw = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      raw[i] =
          0.5 + 0.01 * r.nextDouble() * 300; // 0.5 .. 3.5, a narrow-ish scale like an anomaly score
      y[i] = r.nextDouble() < LogisticRegression.sigmoid(-3 + 2 * raw[i]) ? 1 : 0;
    }
    return new double[][] {raw, y};
  }

  private static boolean[] bools(double[] y) {
    boolean[] b = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      b[i] = y[i] > 0.5;
    }
    return b;
  }

  @Test
  void shouldRecoverTheTrueProbabilitiesWithPlattScaling() {
    double[][] s = sample(20_000, 1);
    Calibration c = Calibration.platt(s[0], bools(s[1]));
    for (double raw : new double[] {0.6, 1.5, 2.5, 3.4}) {
      assertEquals(LogisticRegression.sigmoid(-3 + 2 * raw), c.apply(raw), 0.03, "at raw " + raw);
    }
  }

  @Test
  void shouldRecoverTheTrueProbabilitiesWithIsotonicRegression() {
    double[][] s = sample(20_000, 2);
    Calibration c = Calibration.isotonic(s[0], bools(s[1]));
    for (double raw : new double[] {1.0, 1.5, 2.5, 3.0}) {
      assertEquals(LogisticRegression.sigmoid(-3 + 2 * raw), c.apply(raw), 0.06, "at raw " + raw);
    }
    double prev = -1;
    for (double raw = 0; raw < 4; raw += 0.01) {
      assertTrue(c.apply(raw) >= prev, "isotonic must not decrease");
      prev = c.apply(raw);
    }
  }

  @Test
  void shouldStayFiniteOnPerfectlySeparableData() {
    double[] raw = {0.40, 0.41, 0.42, 0.43, 0.60, 0.61, 0.62};
    boolean[] y = {false, false, false, false, true, true, true};
    Calibration c = Calibration.platt(raw, y);
    assertTrue(c.apply(0.40) < 0.3 && c.apply(0.62) > 0.7, c.toString());
  }

  @Test
  void shouldRefuseAnUnknownMethod() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new Calibration("magic", 0, 1, null, null));
    assertTrue(e.getMessage().contains("magic"));
  }

  @Test
  void shouldComputeRocAucWithTies() {
    assertEquals(
        1.0,
        Metrics.rocAuc(new double[] {0.1, 0.2, 0.9}, new boolean[] {false, false, true}),
        1e-12);
    assertEquals(0.5, Metrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {false, true}), 1e-12);
    assertEquals(
        0.75,
        Metrics.rocAuc(new double[] {0.1, 0.6, 0.5, 0.9}, new boolean[] {false, false, true, true}),
        1e-12);
  }
}
