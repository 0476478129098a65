package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticClassifierTest {

  @Test
  void shouldSeparateShiftedClassesAndRankByDistance() {
    Random r = new Random(5);
    int n = 400;
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 4 == 0; // imbalanced, as normal vs injected faults are
      x[i] = new double[] {r.nextGaussian() + (y[i] ? 3 : 0), r.nextGaussian()};
    }
    LogisticClassifier c = LogisticClassifier.fit(x, y, 1e-3, 300);
    assertTrue(c.probability(new double[] {4, 0}) > 0.9, "far on the faulty side");
    assertTrue(c.probability(new double[] {-1, 0}) < 0.1, "far on the normal side");
    assertTrue(c.probability(new double[] {2, 0}) > c.probability(new double[] {1, 0}));
    double[] w = c.weights();
    assertTrue(Math.abs(w[0]) > 5 * Math.abs(w[1]), "the informative feature dominates");
  }

  @Test
  void shouldRefuseTrainingSetWithOneClass() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LogisticClassifier.fit(
                    new double[][] {{1}, {2}}, new boolean[] {false, false}, 0, 10));
    assertTrue(e.getMessage().contains("both classes"), e.getMessage());
  }
}
