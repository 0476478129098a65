package io.augur.models.ensemble;

import io.augur.models.LinearSystems;
import java.util.List;

/**
 * Least squares with an L2 penalty on the slopes (not the intercept), solved by normal equations.
 */
final class Ridge {

  private Ridge() {}

  /** Weights, {@code [0]} the intercept. */
  static double[] fit(List<double[]> x, List<Double> y, double l2) {
    int k = x.get(0).length + 1;
    double[][] a = new double[k][k];
    double[] b = new double[k];
    for (int i = 0; i < x.size(); i++) {
      double[] r = x.get(i);
      for (int p = 0; p < k; p++) {
        double xp = p == 0 ? 1 : r[p - 1];
        b[p] += xp * y.get(i);
        for (int q = 0; q < k; q++) {
          a[p][q] += xp * (q == 0 ? 1 : r[q - 1]);
        }
      }
    }
    for (int p = 1; p < k; p++) {
      a[p][p] += l2;
    }
    a[0][0] += 1e-9;
    return LinearSystems.solve(a, b);
  }

  static double predict(double[] w, double[] x) {
    double s = w[0];
    for (int a = 0; a < x.length; a++) {
      s += w[a + 1] * x[a];
    }
    return s;
  }
}
