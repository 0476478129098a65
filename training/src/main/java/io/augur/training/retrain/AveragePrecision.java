package io.augur.training.retrain;

import java.util.Arrays;
import java.util.Comparator;

/**
 * AUC-PR as average precision: {@code sum_k (R_k - R_{k-1}) * P_k} over the distinct scores from
 * the highest down, where P_k and R_k are precision and recall of "score >= k-th distinct score".
 * Tied scores form one threshold (no credit for an arbitrary order among ties). A random scorer's
 * expected value is the share of positives, so that is the chance level. Computed here because the
 * training module must not depend on the evaluation module.
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /** Average precision of {@code scores} for {@code positive}; NaN when there is no positive. */
  public static double of(boolean[] positive, double[] scores) {
    if (positive.length != scores.length) {
      throw new IllegalArgumentException(
          "positive and scores must have the same length, got "
              + positive.length
              + " and "
              + scores.length);
    }
    int n = scores.length;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("scores[" + i + "] is not finite: " + scores[i]);
      }
      positives += positive[i] ? 1 : 0;
    }
    if (positives == 0) {
      return Double.NaN;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    double ap = 0;
    long tp = 0;
    long seen = 0;
    double lastRecall = 0;
    int i = 0;
    while (i < n) {
      double s = scores[order[i]];
      while (i < n && scores[order[i]] == s) {
        tp += positive[order[i]] ? 1 : 0;
        seen++;
        i++;
      }
      double recall = (double) tp / positives;
      ap += (recall - lastRecall) * ((double) tp / seen);
      lastRecall = recall;
    }
    return ap;
  }

  /** The share of positives: a random scorer's expected average precision. */
  public static double chance(boolean[] positive) {
    long p = 0;
    for (boolean b : positive) {
      p += b ? 1 : 0;
    }
    return positive.length == 0 ? Double.NaN : (double) p / positive.length;
  }
}
