package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowedGaussianDetectorTest {

  @Test
  void shouldScoreFirstPointZeroAndOutlierNearOne() {
    WindowedGaussianDetector d = new WindowedGaussianDetector();
    Random r = new Random(1);
    assertEquals(0.0, d.score(0, 10.0));
    for (int i = 1; i < 500; i++) {
      d.score(i, 10.0 + r.nextGaussian());
    }
    double normal = d.score(500, 10.3);
    double outlier = d.score(501, 16.0);
    double low = d.score(502, 4.0);
    assertTrue(normal < 0.7, "a point 0.3 sd away scores 1 - Q(0.3), about 0.62: " + normal);
    assertTrue(outlier > 0.999999, "a 6 sd spike scores near 1: " + outlier);
    assertTrue(low > 0.999999, "a 6 sd drop scores near 1 too: " + low);
  }

  @Test
  void shouldMatchNormalTailProbability() {
    // 1 - Q(1.96) = 0.9750021048517795
    assertEquals(
        0.9750021048517795, 1 - WindowedGaussianDetector.upperTail(11.96, 10.0, 1.0), 1e-13);
    assertEquals(
        0.9750021048517795, 1 - WindowedGaussianDetector.upperTail(8.04, 10.0, 1.0), 1e-13);
  }

  @Test
  void shouldForgetOldLevelOnlyAfterWindowSlidesPastIt() {
    WindowedGaussianDetector d = new WindowedGaussianDetector(200, 50);
    Random r = new Random(2);
    for (int i = 0; i < 200; i++) {
      d.score(i, r.nextGaussian());
    }
    // a new level: anomalous at first, ordinary once the window holds mostly new points
    double first = d.score(200, 50 + r.nextGaussian());
    for (int i = 201; i < 450; i++) {
      d.score(i, 50 + r.nextGaussian());
    }
    double later = d.score(450, 50.0);
    assertTrue(first > 0.999, "first point of the new level: " + first);
    assertTrue(later < 0.9, "after the window moved on: " + later);
  }

  @Test
  void shouldRefuseStepLargerThanWindow() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new WindowedGaussianDetector(10, 11));
    assertTrue(e.getMessage().contains("stepSize"), e.getMessage());
  }
}
