package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZScoreDetectorTest {
  @Test
  void shouldScoreTheLargestAbsoluteZScoreAcrossMetrics() {
    // metric 0: mean 2, std 1; metric 1: mean 10, std 2
    double[][] train = {{1, 8}, {3, 12}};
    MultivariateDetector.RowScorer s = new ZScoreDetector().fit(train).newScorer();
    assertEquals(3.0, s.score(new double[] {5, 10}), 1e-12);
    assertEquals(2.5, s.score(new double[] {2, 5}), 1e-12);
  }

  @Test
  void shouldFloorTheDeviationOfAConstantMetric() {
    double[][] train = {{0.5}, {0.5}, {0.5}};
    MultivariateDetector.RowScorer s = new ZScoreDetector().fit(train).newScorer();
    assertEquals(10.0, s.score(new double[] {0.6}), 1e-9);
  }
}
