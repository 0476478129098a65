package io.augur.models;

import java.util.Arrays;

/** Evaluation measures the trainer records and the tests assert. */
public final class Metrics {

  private Metrics() {}

  /** Area under the ROC curve (ties count half); NaN when a class is missing. */
  public static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Mean squared error of probabilities against outcomes. */
  public static double brier(double[] p, boolean[] y) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - (y[i] ? 1 : 0);
      s += d * d;
    }
    return p.length == 0 ? Double.NaN : s / p.length;
  }

  /**
   * Reliability per probability bucket of width {@code 1/buckets}: rows of {bucket lower bound,
   * count, mean predicted, observed rate}.
   */
  public static double[][] reliability(double[] p, boolean[] y, int buckets) {
    double[][] out = new double[buckets][4];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(buckets - 1, (int) (p[i] * buckets));
      out[b][1]++;
      out[b][2] += p[i];
      out[b][3] += y[i] ? 1 : 0;
    }
    for (int b = 0; b < buckets; b++) {
      out[b][0] = (double) b / buckets;
      if (out[b][1] > 0) {
        out[b][2] /= out[b][1];
        out[b][3] /= out[b][1];
      }
    }
    return out;
  }
}
