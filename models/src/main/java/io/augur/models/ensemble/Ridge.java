package io.augur.models.ensemble;

import java.util.List;

/** Least squares with an L2 penalty on the slopes (not the intercept), solved by normal equations. */
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
    return solve(a, b);
  }

  static double predict(double[] w, double[] x) {
    double s = w[0];
    for (int a = 0; a < x.length; a++) {
      s += w[a + 1] * x[a];
    }
    return s;
  }

  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double tb = b[c];
      b[c] = b[p];
      b[p] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[c][c] == 0 ? 0 : a[r][c] / a[c][c];
        for (int j = c; j < n; j++) {
          a[r][j] -= f * a[c][j];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int j = r + 1; j < n; j++) {
        s -= a[r][j] * x[j];
      }
      x[r] = a[r][r] == 0 ? 0 : s / a[r][r];
    }
    return x;
  }
}
