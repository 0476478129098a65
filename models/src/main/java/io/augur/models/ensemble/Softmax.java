package io.augur.models.ensemble;

/**
 * Multinomial logistic regression with an L2 penalty, fitted by full-batch gradient descent (Adam
 * step sizes, so unscaled inputs converge) with per-class sample weights (so rare classes count as
 * much as common ones). Small and dependency free: a few classes, a few dozen inputs, a few
 * thousand rows.
 */
final class Softmax {

  private Softmax() {}

  /**
   * @param x rows of inputs
   * @param y class index per row
   * @return per class its weights, {@code [0]} the intercept
   */
  static double[][] fit(double[][] x, int[] y, int classes, double l2, int iterations) {
    int n = x.length;
    int f = x[0].length;
    double[] count = new double[classes];
    for (int c : y) {
      count[c]++;
    }
    double[] weight = new double[classes];
    for (int c = 0; c < classes; c++) {
      weight[c] = count[c] > 0 ? n / (classes * count[c]) : 0;
    }
    double[][] w = new double[classes][f + 1];
    double[][] grad = new double[classes][f + 1];
    double[][] m1 = new double[classes][f + 1];
    double[][] m2 = new double[classes][f + 1];
    double[] p = new double[classes];
    double rate = 0.05;
    for (int it = 1; it <= iterations; it++) {
      for (double[] g : grad) {
        java.util.Arrays.fill(g, 0);
      }
      for (int i = 0; i < n; i++) {
        probabilities(w, x[i], p);
        double sw = weight[y[i]] / n;
        for (int c = 0; c < classes; c++) {
          double r = sw * (p[c] - (y[i] == c ? 1 : 0));
          grad[c][0] += r;
          for (int a = 0; a < f; a++) {
            grad[c][a + 1] += r * x[i][a];
          }
        }
      }
      double b1 = 1 - Math.pow(0.9, it);
      double b2 = 1 - Math.pow(0.999, it);
      for (int c = 0; c < classes; c++) {
        for (int a = 0; a <= f; a++) {
          double g = grad[c][a] + (a > 0 ? l2 * w[c][a] : 0);
          m1[c][a] = 0.9 * m1[c][a] + 0.1 * g;
          m2[c][a] = 0.999 * m2[c][a] + 0.001 * g * g;
          w[c][a] -= rate * (m1[c][a] / b1) / (Math.sqrt(m2[c][a] / b2) + 1e-8);
        }
      }
    }
    return w;
  }

  /** Class probabilities of {@code x} into {@code out}. */
  static void probabilities(double[][] w, double[] x, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double s = w[c][0];
      for (int a = 0; a < x.length; a++) {
        s += w[c][a + 1] * x[a];
      }
      out[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < w.length; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < w.length; c++) {
      out[c] /= sum;
    }
  }
}
