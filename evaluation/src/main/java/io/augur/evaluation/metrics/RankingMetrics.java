package io.augur.evaluation.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Threshold-free figures. Average precision is the AUC-PR used here: {@code sum_k (R_k - R_{k-1})
 * P_k} over the distinct thresholds from the highest down (scikit-learn's definition, no
 * interpolation). ROC AUC is the trapezoidal area, ties handled as one step. Both are NaN when the
 * labels hold no positive (ROC also when they hold no negative).
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  public static double averagePrecision(ScoredLabels data) {
    long positives = data.positives();
    if (positives == 0) {
      return Double.NaN;
    }
    double ap = 0.0;
    double previousRecall = 0.0;
    for (int k = 0; k < data.thresholds().length; k++) {
      long tp = data.truePositivesAt(k);
      long fp = data.falsePositivesAt(k);
      double recall = (double) tp / positives;
      double precision = (double) tp / (tp + fp);
      ap += (recall - previousRecall) * precision;
      previousRecall = recall;
    }
    return ap;
  }

  public static double rocAuc(ScoredLabels data) {
    long positives = data.positives();
    long negatives = data.negatives();
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double area = 0.0;
    double prevTpr = 0.0;
    double prevFpr = 0.0;
    for (int k = 0; k < data.thresholds().length; k++) {
      double tpr = (double) data.truePositivesAt(k) / positives;
      double fpr = (double) data.falsePositivesAt(k) / negatives;
      area += (fpr - prevFpr) * (tpr + prevTpr) / 2.0;
      prevTpr = tpr;
      prevFpr = fpr;
    }
    return area;
  }

  /** Precision-recall curve, highest threshold first; at most {@code maxPoints} evenly picked. */
  public static List<CurvePoint> precisionRecallCurve(ScoredLabels data, int maxPoints) {
    return curve(data, maxPoints, true);
  }

  /** ROC curve, highest threshold first; at most {@code maxPoints} evenly picked. */
  public static List<CurvePoint> rocCurve(ScoredLabels data, int maxPoints) {
    return curve(data, maxPoints, false);
  }

  private static List<CurvePoint> curve(ScoredLabels data, int maxPoints, boolean pr) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints must be >= 2, got " + maxPoints);
    }
    double[] th = data.thresholds();
    long positives = Math.max(1, data.positives());
    long negatives = Math.max(1, data.negatives());
    int stride = Math.max(1, (int) Math.ceil(th.length / (double) (maxPoints - 1)));
    List<CurvePoint> points = new ArrayList<>();
    for (int k = 0; k < th.length; k += stride) {
      points.add(point(data, k, positives, negatives, pr));
    }
    if ((th.length - 1) % stride != 0) {
      points.add(point(data, th.length - 1, positives, negatives, pr));
    }
    return points;
  }

  private static CurvePoint point(
      ScoredLabels data, int k, long positives, long negatives, boolean pr) {
    long tp = data.truePositivesAt(k);
    long fp = data.falsePositivesAt(k);
    double th = data.thresholds()[k];
    if (pr) {
      return new CurvePoint(th, (double) tp / positives, (double) tp / (tp + fp));
    }
    return new CurvePoint(th, (double) fp / negatives, (double) tp / positives);
  }
}
