package io.augur.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.Json;
import io.augur.models.LogisticRegression;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CombinerOutputTest {

  /**
   * One member whose probability is right below 0.3 and above 0.7 but twice too confident in
   * between.
   */
  private static double[][] sample(int n, boolean[] y, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] p = new double[n][1];
    for (int i = 0; i < n; i++) {
      double q = r.nextDouble();
      p[i][0] = q;
      double truth = q < 0.3 || q > 0.7 ? q : 0.3 + (q - 0.3) * 0.25;
      y[i] = r.nextDouble() < truth;
    }
    return p;
  }

  @Test
  void shouldCalibrateTheStackedOutputWhereASigmoidCannot() {
    boolean[] y = new boolean[6000];
    Combiner c = Combiner.fit(java.util.List.of("m"), sample(6000, y, 1), y);
    LogisticRegression lr = c.forSubset("m");
    double mid = LogisticRegression.logit(0.6); // truth there: 0.375
    double stacked = lr.predict(new double[] {mid});
    double calibrated = c.output("m").apply(stacked);
    assertEquals(0.375, calibrated, 0.06, "stacked " + stacked + " calibrated " + calibrated);
  }

  @Test
  void shouldFitNoOutputCalibrationOnLittleData() {
    boolean[] y = new boolean[300];
    Combiner c = Combiner.fit(java.util.List.of("m"), sample(300, y, 2), y);
    assertEquals("identity", c.output("m").method());
  }

  @Test
  void shouldReadCombinersOfOlderBundlesAsUncalibratedOutputs() throws Exception {
    String old = "{\"bySubset\":{\"m\":{\"weights\":[0.1,1.0]}},\"choice\":{\"m\":\"m\"}}";
    Combiner c = Json.MAPPER.readValue(old, Combiner.class);
    assertEquals("identity", c.output("m").method());
    assertTrue(c.outputs().isEmpty());
  }
}
