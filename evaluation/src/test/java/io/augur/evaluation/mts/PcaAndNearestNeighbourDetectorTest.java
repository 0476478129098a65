package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaAndNearestNeighbourDetectorTest {
  /** The index of the highest score; the z-score's top for comparison in the messages. */
  private static int top(double[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void pcaShouldRankAPointOffTheTrainSubspaceTopThoughEachMetricIsOrdinary() {
    // 6 metrics driven by 2 latent factors plus a little noise: metrics 0-2 follow factor a, 3-5
    // factor b, so the train rows lie near a plane.
    Random r = new Random(7);
    double[][] train = new double[2000][];
    for (int i = 0; i < train.length; i++) {
      train[i] = onPlane(r.nextGaussian(), r.nextGaussian(), r);
    }
    double[][] test = new double[300][];
    for (int i = 0; i < test.length; i++) {
      // large in-plane excursions (2.5 sigma of the factors): extreme per metric, not anomalous for
      // PCA
      test[i] = onPlane(2.5 * r.nextGaussian(), 2.5 * r.nextGaussian(), r);
    }
    int anomaly = 137;
    // every metric within one train deviation of its mean, but metrics 0 and 1 (3 and 4) disagree
    test[anomaly] = new double[] {11, 9, 10, 11, 9, 10};
    MultivariateDetector.Fitted fittedPca = new PcaDetector().fit(train);
    double[] pca = fittedPca.scoreSeries(test);
    assertEquals(
        "pca(2 of 6 components)", fittedPca.toString(), "two factors explain 95 % of the variance");
    double[] zscore = new ZScoreDetector().fit(train).scoreSeries(test);
    assertEquals(anomaly, top(pca), "PCA ranks the off-plane point top");
    assertTrue(
        top(zscore) != anomaly,
        "the point is not extreme per metric: the z-score does not find it");
  }

  private static double[] onPlane(double a, double b, Random r) {
    double[] x = new double[6];
    for (int j = 0; j < 6; j++) {
      x[j] = 10.0 + (j < 3 ? a : b) + 0.05 * r.nextGaussian();
    }
    return x;
  }

  @Test
  void nearestNeighbourShouldRankAnIsolatedPointTopThoughEachMetricIsOrdinary() {
    // two tight clusters at (-2, -2, -2) and (2, 2, 2); test rows from both, plus one point in the
    // empty middle
    Random r = new Random(11);
    double[][] train = new double[6000][];
    for (int i = 0; i < train.length; i++) {
      train[i] = cluster(i % 2 == 0 ? -2.0 : 2.0, r);
    }
    double[][] test = new double[400][];
    for (int i = 0; i < test.length; i++) {
      test[i] = cluster(r.nextBoolean() ? -2.0 : 2.0, r);
    }
    int isolated = 250;
    test[isolated] = new double[] {0.0, 0.0, 0.0};
    double[] knn = new NearestNeighbourDetector().fit(train).scoreSeries(test);
    double[] zscore = new ZScoreDetector().fit(train).scoreSeries(test);
    assertEquals(isolated, top(knn), "1-NN ranks the point between the clusters top");
    assertTrue(
        top(zscore) != isolated, "at the train mean in every metric, the z-score does not find it");
    // the reference set is bounded: with 6000 train rows only 5000 are kept, yet a kept row scores
    // 0
    int[] kept =
        NearestNeighbourDetector.sample(6000, NearestNeighbourDetector.DEFAULT_MAX_REFERENCE, 42L);
    assertEquals(5000, kept.length);
    assertEquals(5000, java.util.Arrays.stream(kept).distinct().count());
    assertEquals(
        0.0,
        new NearestNeighbourDetector().fit(train).newScorer().score(train[kept[17]].clone()),
        1e-12);
  }

  private static double[] cluster(double centre, Random r) {
    return new double[] {
      centre + 0.1 * r.nextGaussian(),
      centre + 0.1 * r.nextGaussian(),
      centre + 0.1 * r.nextGaussian()
    };
  }

  @Test
  void shouldKeepTheSmallestNumberOfComponentsReachingTheShare() {
    double[] cumulative = {0.6, 0.94, 0.95, 0.99, 1.0};
    assertEquals(3, PcaDetector.components(cumulative, 0.95));
    assertEquals(1, PcaDetector.components(cumulative, 0.5));
    assertEquals(4, PcaDetector.components(cumulative, 0.96));
  }

  @Test
  void shouldRejectBadSettingsAndRowsNamingThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PcaDetector(1.0));
    assertTrue(
        e.getMessage().contains("explainedVariance must be within (0, 1), got 1.0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new NearestNeighbourDetector(0, 1L));
    assertTrue(e.getMessage().contains("maxReference must be >= 1, got 0"), e.getMessage());
    MultivariateDetector.RowScorer s =
        new NearestNeighbourDetector().fit(new double[][] {{1, 2}, {3, 4}}).newScorer();
    e = assertThrows(IllegalArgumentException.class, () -> s.score(new double[] {1}));
    assertTrue(e.getMessage().contains("row must have 2 metrics, got 1"), e.getMessage());
  }
}
