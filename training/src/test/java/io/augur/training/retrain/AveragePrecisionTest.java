package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {
  @Test
  void shouldMatchAHandComputedRanking() {
    // ranked: P N P N N -> precision at the positives 1/1 and 2/3 -> AP = (1 + 2/3) / 2
    boolean[] y = {true, false, true, false, false};
    double[] s = {0.9, 0.8, 0.7, 0.6, 0.5};
    assertEquals((1 + 2.0 / 3) / 2, AveragePrecision.of(y, s), 1e-12);
  }

  @Test
  void shouldGiveTiesNoCreditForAnArbitraryOrder() {
    // all tied: one threshold, precision = share of positives, whatever the order
    boolean[] y = {true, false, false, true};
    assertEquals(0.5, AveragePrecision.of(y, new double[] {1, 1, 1, 1}), 1e-12);
    boolean[] y2 = {false, false, true, true};
    assertEquals(0.5, AveragePrecision.of(y2, new double[] {1, 1, 1, 1}), 1e-12);
  }

  @Test
  void shouldBeAboutTheShareOfPositivesForRandomScores() {
    Random r = new Random(3);
    int n = 20_000;
    boolean[] y = new boolean[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.1;
      s[i] = r.nextDouble();
    }
    double chance = AveragePrecision.chance(y);
    assertEquals(chance, AveragePrecision.of(y, s), 0.02);
  }

  @Test
  void shouldRefuseMismatchedOrNonFiniteInput() {
    assertThrows(
        IllegalArgumentException.class, () -> AveragePrecision.of(new boolean[2], new double[3]));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AveragePrecision.of(new boolean[] {true}, new double[] {Double.NaN}))
            .getMessage()
            .contains("scores[0]"));
    assertTrue(Double.isNaN(AveragePrecision.of(new boolean[2], new double[2])));
  }
}
