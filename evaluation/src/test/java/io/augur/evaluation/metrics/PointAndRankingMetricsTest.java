package io.augur.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointAndRankingMetricsTest {
  private static final double EPS = 1e-12;

  // scikit-learn's documented example: average_precision_score = 0.8333, roc_auc_score = 0.75
  private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
  private static final boolean[] LABELS = {false, false, true, true};

  @Test
  void shouldMatchScikitLearnAveragePrecisionAndRocAucOnItsDocumentedExample() {
    ScoredLabels data = new ScoredLabels(SCORES, LABELS);
    assertEquals(5.0 / 6.0, RankingMetrics.averagePrecision(data), EPS);
    assertEquals(0.75, RankingMetrics.rocAuc(data), EPS);
  }

  @Test
  void shouldPickTheThresholdWithTheHighestPointwiseF1() {
    // thresholds 0.8: P1 R.5 F.667; 0.4: P.5 R.5; 0.35: P2/3 R1 F.8; 0.1: P.5 R1 F.667
    ThresholdF1 best = PointMetrics.best(new ScoredLabels(SCORES, LABELS));
    assertEquals(0.35, best.threshold(), EPS);
    assertEquals(new Confusion(2, 1, 0, 1), best.confusion());
    assertEquals(0.8, best.f1(), EPS);
  }

  @Test
  void shouldCountRowsAtOrAboveTheThresholdAsAlarms() {
    Confusion c = PointMetrics.at(new ScoredLabels(SCORES, LABELS), 0.4);
    assertEquals(new Confusion(1, 1, 1, 1), c);
    assertEquals(0.5, c.precision(), EPS);
    assertEquals(0.5, c.recall(), EPS);
  }

  @Test
  void shouldScoreTiedRowsAsOneThreshold() {
    double[] scores = {0.5, 0.5, 0.5, 0.1};
    boolean[] labels = {true, false, true, false};
    ScoredLabels data = new ScoredLabels(scores, labels);
    // one step to (R=1, P=2/3) then (R=1, P=1/2): AP = 2/3
    assertEquals(2.0 / 3.0, RankingMetrics.averagePrecision(data), EPS);
    // ROC: (0,0) -> (0.5,1) -> (1,1): area 0.25 + 0.5
    assertEquals(0.75, RankingMetrics.rocAuc(data), EPS);
  }

  @Test
  void shouldGiveThePointAdjustedF1OnlyAfterExpandingDetectedSegments() {
    double[] scores = {0, 0.9, 0, 0, 0.5, 0, 0, 0.2, 0, 0};
    boolean[] labels = {false, true, true, true, false, false, true, true, false, false};
    ScoredLabels data = new ScoredLabels(scores, labels);
    // at 0.2 both segments (5 rows) count as detected, one false alarm (row 4): P 5/6, R 1
    ThresholdF1 adjusted = PointMetrics.bestPointAdjusted(data);
    assertEquals(0.2, adjusted.threshold(), EPS);
    assertEquals(new Confusion(5, 1, 0, 4), adjusted.confusion());
    assertEquals(10.0 / 11.0, adjusted.f1(), EPS);
    // without adjustment the best is to alarm on everything: P .5, R 1
    assertEquals(2.0 / 3.0, PointMetrics.best(data).f1(), EPS);
  }

  @Test
  void shouldReturnNanRankingFiguresWhenNothingIsLabelled() {
    ScoredLabels data = new ScoredLabels(new double[] {0.1, 0.2}, new boolean[] {false, false});
    assertTrue(Double.isNaN(RankingMetrics.averagePrecision(data)));
    assertTrue(Double.isNaN(RankingMetrics.rocAuc(data)));
    assertEquals(0.0, PointMetrics.best(data).f1(), EPS);
  }

  @Test
  void shouldDrawCurvesFromTheHighestThresholdDownToFullRecall() {
    List<CurvePoint> pr =
        RankingMetrics.precisionRecallCurve(new ScoredLabels(SCORES, LABELS), 100);
    assertEquals(4, pr.size());
    assertEquals(new CurvePoint(0.8, 0.5, 1.0), pr.get(0));
    assertEquals(new CurvePoint(0.1, 1.0, 0.5), pr.get(3));
    List<CurvePoint> roc = RankingMetrics.rocCurve(new ScoredLabels(SCORES, LABELS), 2);
    assertEquals(2, roc.size());
    assertEquals(new CurvePoint(0.1, 1.0, 1.0), roc.get(1));
  }

  @Test
  void shouldRefuseMismatchedOrNonFiniteInput() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ScoredLabels(new double[] {1}, new boolean[2]));
    assertTrue(e.getMessage().contains("same length"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ScoredLabels(new double[] {0.1, Double.NaN}, new boolean[2]));
    assertTrue(e.getMessage().contains("scores[1]"), e.getMessage());
  }
}
