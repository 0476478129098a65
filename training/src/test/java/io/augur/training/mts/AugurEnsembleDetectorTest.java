package io.augur.training.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.training.metrics.RankingMetrics;
import io.augur.training.metrics.ScoredLabels;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugurEnsembleDetectorTest {
  @Test
  void shouldTrainOnInjectedFaultsAndRankAnObviousShiftAboveNormalRows() {
    Random r = new Random(11);
    double[][] train = new double[1500][3];
    for (double[] row : train) {
      for (int j = 0; j < row.length; j++) {
        row[j] = 0.5 + 0.02 * r.nextGaussian();
      }
    }
    double[][] test = new double[400][3];
    boolean[] labels = new boolean[400];
    for (int i = 0; i < test.length; i++) {
      labels[i] = i >= 250 && i < 290;
      for (int j = 0; j < 3; j++) {
        test[i][j] = 0.5 + 0.02 * r.nextGaussian() + (labels[i] && j == 1 ? 0.15 : 0.0);
      }
    }
    MultivariateDetector d = AugurEnsembleDetector.forests();
    assertEquals("augur-ensemble-forests", d.name());
    MultivariateDetector.RowScorer s = d.fit(train).newScorer();
    double[] scores = new double[test.length];
    for (int i = 0; i < test.length; i++) {
      scores[i] = s.score(test[i]);
      assertTrue(scores[i] >= 0.0 && scores[i] <= 1.0, "a probability, got " + scores[i]);
    }
    double ap = RankingMetrics.averagePrecision(new ScoredLabels(scores, labels));
    assertTrue(ap > 0.5, "AUC-PR " + ap + " (10% of rows anomalous)");
  }

  @Test
  void shouldRefuseTooFewChunksForTheTrainersSplit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AugurEnsembleDetector("x", EnsembleTrainer.Config.defaults(), 4, 1L));
    assertTrue(e.getMessage().contains("chunks must be >= 6"), e.getMessage());
  }
}
