package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.evaluation.metrics.SeriesEvaluation;
import io.augur.models.iforest.IsolationForestModel;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnsembleMtsDetectorTest {
  private static final int METRICS = 6;
  private static double[][] train;
  private static double[][] test;
  private static boolean[] labels;
  private static EnsembleFits fits;

  /**
   * A small machine: two groups of three correlated metrics (a shared slow cycle and a shared
   * random walk each, plus noise). In test, two multi-metric anomalies: a level shift of the whole
   * first group (rows 300-339) and repeated spikes on two metrics of the second (rows 600-619).
   */
  @BeforeAll
  static void machine() {
    Random r = new Random(5);
    train = rows(r, 1500, null);
    labels = new boolean[800];
    test = rows(r, 800, labels);
    fits = new EnsembleFits(EnsembleMtsDetector.Settings.defaults());
  }

  private static double[][] rows(Random r, int n, boolean[] anomalies) {
    double[][] out = new double[n][METRICS];
    double[] walk = new double[2];
    for (int i = 0; i < n; i++) {
      for (int g = 0; g < 2; g++) {
        walk[g] = 0.98 * walk[g] + 0.05 * r.nextGaussian();
        double common = Math.sin(2 * Math.PI * i / (200.0 + 70 * g)) + walk[g];
        for (int k = 0; k < 3; k++) {
          out[i][3 * g + k] = 10 * (g + 1) + (k + 1) * common + 0.1 * r.nextGaussian();
        }
      }
      if (anomalies != null) {
        boolean shift = i >= 300 && i < 340;
        boolean spikes = i >= 600 && i < 620;
        anomalies[i] = shift || spikes;
        for (int k = 0; shift && k < 3; k++) {
          out[i][k] += 3.0 * (k + 1);
        }
        if (spikes && i % 2 == 0) {
          out[i][3] += 4.0;
          out[i][4] -= 6.0;
        }
      }
    }
    return out;
  }

  @Test
  void shouldSeparateInjectedMultiMetricAnomaliesFromNormalRows() {
    double[] scores = EnsembleMtsDetector.combined(fits).fit(train).scoreSeries(test);
    SeriesEvaluation e = SeriesEvaluation.of(scores, labels, Double.MAX_VALUE, 10);
    assertTrue(e.aucPr() > 0.6, "AUC-PR " + e.aucPr() + " with 7.5% of rows anomalous");
    assertTrue(e.bestF1().f1() > 0.6, "best F1 " + e.bestF1().f1());
    assertEquals(
        2, e.eventsAtBest().detectedEvents(), "both anomalies detected at the best threshold");
  }

  @Test
  void shouldScoreRowByRowExactlyAsInABatch() {
    for (EnsembleMtsDetector d :
        new EnsembleMtsDetector[] {
          EnsembleMtsDetector.combined(fits),
          EnsembleMtsDetector.stacked(fits),
          EnsembleMtsDetector.member(IsolationForestModel.NAME, fits)
        }) {
      MultivariateDetector.Fitted f = d.fit(train);
      double[] batch = f.scoreSeries(test);
      MultivariateDetector.RowScorer one = f.newScorer();
      for (int i = 0; i < 120; i++) {
        assertEquals(batch[i], one.score(test[i]), 1e-9, d.name() + " row " + i);
      }
    }
  }

  @Test
  void shouldTrainOneEnsemblePerMachineForAllViews() {
    TrainedEnsemble a = fits.fit(train);
    EnsembleMtsDetector.member("lstm", fits).fit(train);
    EnsembleMtsDetector.stacked(fits).fit(train);
    assertSame(a, fits.fit(train));
    assertEquals(java.util.List.of("isolation-forest", "lstm", "random-forest"), a.members());
  }

  @Test
  void shouldTrainTheSameEnsembleTwiceFromTheSameSeed() {
    double[] again =
        EnsembleMtsDetector.combined(new EnsembleFits(EnsembleMtsDetector.Settings.defaults()))
            .fit(train)
            .scoreSeries(test);
    assertArrayEquals(EnsembleMtsDetector.combined(fits).fit(train).scoreSeries(test), again);
  }

  @Test
  void shouldRefuseAnUnknownMemberOrACombinationOutsideTheMembers() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EnsembleMtsDetector.member("svm", fits));
    assertTrue(e.getMessage().contains("member must be one of"), e.getMessage());
    EnsembleMtsDetector.Settings d = EnsembleMtsDetector.Settings.defaults();
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EnsembleMtsDetector.Settings(
                    d.trainer(), d.chunks(), d.seed(), 0.0, Set.of("svm"), 3));
    assertTrue(e.getMessage().contains("combined must be a non-empty subset"), e.getMessage());
  }

  @Test
  void shouldRefuseTooFewTrainRowsForTheTrainersSplit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EnsembleFits(EnsembleMtsDetector.Settings.defaults())
                    .fit(new double[200][METRICS]));
    assertTrue(e.getMessage().contains("train must have at least 240 rows"), e.getMessage());
  }
}
