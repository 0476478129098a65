package io.augur.models;

/** Small dense linear systems, as the logistic regression's Newton steps and ridge fits need. */
public final class LinearSystems {

  private LinearSystems() {}

  /**
   * Solves {@code a x = b} by Gaussian elimination with partial pivoting, without changing its
   * arguments; a column with no usable pivot (below 1e-300) gets 0.
   */
  public static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
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
      if (Math.abs(a[c][c]) < 1e-300) {
        continue;
      }
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
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
      x[r] = Math.abs(a[r][r]) < 1e-300 ? 0 : s / a[r][r];
    }
    return x;
  }
}
