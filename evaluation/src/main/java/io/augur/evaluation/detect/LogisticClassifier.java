package io.augur.evaluation.detect;

/**
 * L2-regularised logistic regression on standardised features, fitted by full-batch gradient
 * descent with class weights that balance normal and faulty examples. Small and dependency-free: a
 * per-series model.
 */
public final class LogisticClassifier {

  private final double[] mean;
  private final double[] scale;
  private final double[] weights; // bias last

  private LogisticClassifier(double[] mean, double[] scale, double[] weights) {
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
  }

  /** Fits on rows {@code x} with labels {@code y}; needs both classes. */
  public static LogisticClassifier fit(double[][] x, boolean[] y, double l2, int iterations) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y must be non-empty and of equal length, got " + x.length + " and " + y.length);
    }
    int d = x[0].length;
    int positives = 0;
    for (boolean b : y) {
      positives += b ? 1 : 0;
    }
    if (positives == 0 || positives == y.length) {
      throw new IllegalArgumentException(
          "y must hold both classes, got " + positives + " positives of " + y.length);
    }
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = Math.max(Math.sqrt(scale[j]), 1e-9);
    }
    double wPos = 0.5 * y.length / positives;
    double wNeg = 0.5 * y.length / (y.length - positives);
    double[] w = new double[d + 1];
    double[] z = new double[d];
    double rate = 0.5;
    for (int it = 0; it < iterations; it++) {
      double[] grad = new double[d + 1];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < d; j++) {
          z[j] = (x[i][j] - mean[j]) / scale[j];
        }
        double p = sigmoid(dot(w, z));
        double err = (p - (y[i] ? 1 : 0)) * (y[i] ? wPos : wNeg);
        for (int j = 0; j < d; j++) {
          grad[j] += err * z[j];
        }
        grad[d] += err;
      }
      for (int j = 0; j <= d; j++) {
        double reg = j < d ? l2 * w[j] : 0;
        w[j] -= rate * (grad[j] / x.length + reg);
      }
    }
    return new LogisticClassifier(mean, scale, w);
  }

  /** The probability that {@code row} is faulty. */
  public double probability(double[] row) {
    return sigmoid(logit(row));
  }

  /** The log-odds that {@code row} is faulty. */
  public double logit(double[] row) {
    double[] z = new double[mean.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = (row[j] - mean[j]) / scale[j];
    }
    return dot(weights, z);
  }

  /** Fitted weights on standardised features, bias last. */
  public double[] weights() {
    return weights.clone();
  }

  private static double dot(double[] w, double[] z) {
    double s = w[z.length];
    for (int j = 0; j < z.length; j++) {
      s += w[j] * z[j];
    }
    return s;
  }

  static double sigmoid(double v) {
    return 1.0 / (1.0 + Math.exp(-v));
  }
}
