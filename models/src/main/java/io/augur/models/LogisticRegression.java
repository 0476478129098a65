package io.augur.models;

import io.augur.domain.Checks;

/**
 * A small L2-regularised logistic regression fitted by Newton's method (IRLS): Platt scaling with
 * one input, stacking with a few. {@code weights[0]} is the intercept.
 */
public record LogisticRegression(double[] weights) {

  public LogisticRegression {
    Checks.nonNull("weights", weights);
    if (weights.length < 1) {
      throw new IllegalArgumentException("weights must hold at least the intercept");
    }
    for (int i = 0; i < weights.length; i++) {
      Checks.finite("weights[" + i + "]", weights[i]);
    }
    weights = weights.clone();
  }

  /**
   * Fits {@code p(y=1|x)}. Targets are Platt's smoothed labels ((n+ + 1)/(n+ + 2) and 1/(n- + 2)),
   * which keeps the fit finite on separable data.
   */
  public static LogisticRegression fit(double[][] x0, boolean[] y, double l2) {
    Checks.nonNull("x", x0);
    Checks.nonNull("y", y);
    if (x0.length != y.length || x0.length == 0) {
      throw new IllegalArgumentException(
          "x and y must be non-empty and of equal length, got " + x0.length + " and " + y.length);
    }
    int n = x0.length;
    int k = x0[0].length + 1;
    // fit on standardised inputs (well conditioned), then map the weights back
    double[] mu = new double[k - 1];
    double[] sd = new double[k - 1];
    for (double[] r : x0) {
      for (int a = 0; a < k - 1; a++) {
        mu[a] += r[a] / n;
      }
    }
    for (double[] r : x0) {
      for (int a = 0; a < k - 1; a++) {
        sd[a] += (r[a] - mu[a]) * (r[a] - mu[a]) / n;
      }
    }
    for (int a = 0; a < k - 1; a++) {
      sd[a] = Math.sqrt(sd[a]) > 1e-12 ? Math.sqrt(sd[a]) : 1.0;
    }
    double[][] x = new double[n][k - 1];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k - 1; a++) {
        x[i][a] = (x0[i][a] - mu[a]) / sd[a];
      }
    }
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (n - pos + 2.0);
    double[] t = new double[n];
    double meanT = 0;
    for (int i = 0; i < n; i++) {
      t[i] = y[i] ? hi : lo;
      meanT += t[i] / n;
    }
    double[] w = new double[k];
    w[0] = Math.log(meanT / (1 - meanT));
    double loss = loss(w, x, t, l2);
    for (int iter = 0; iter < 100; iter++) {
      double[] grad = new double[k];
      double[][] hess = new double[k][k];
      for (int i = 0; i < n; i++) {
        double p = sigmoid(dot(w, x[i]));
        double r = p - t[i];
        double s = Math.max(p * (1 - p), 1e-12);
        for (int a = 0; a < k; a++) {
          double xa = a == 0 ? 1 : x[i][a - 1];
          grad[a] += r * xa;
          for (int b = 0; b < k; b++) {
            double xb = b == 0 ? 1 : x[i][b - 1];
            hess[a][b] += s * xa * xb;
          }
        }
      }
      for (int a = 1; a < k; a++) {
        grad[a] += l2 * n * w[a];
        hess[a][a] += l2 * n;
      }
      for (int a = 0; a < k; a++) {
        hess[a][a] += 1e-9 * n;
      }
      double[] step = LinearSystems.solve(hess, grad);
      double f = 1.0;
      double[] next = new double[k];
      double nextLoss = Double.POSITIVE_INFINITY;
      for (int half = 0; half < 30; half++, f /= 2) {
        for (int a = 0; a < k; a++) {
          next[a] = w[a] - f * step[a];
        }
        nextLoss = loss(next, x, t, l2);
        if (nextLoss <= loss + 1e-12) {
          break;
        }
      }
      if (!(nextLoss <= loss + 1e-12)) {
        break;
      }
      double change = loss - nextLoss;
      w = next.clone();
      loss = nextLoss;
      if (change < 1e-10 * n) {
        break;
      }
    }
    double[] out = new double[k];
    out[0] = w[0];
    for (int a = 1; a < k; a++) {
      out[a] = w[a] / sd[a - 1];
      out[0] -= w[a] * mu[a - 1] / sd[a - 1];
    }
    return new LogisticRegression(out);
  }

  private static double loss(double[] w, double[][] x, double[] t, double l2) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double z = dot(w, x[i]);
      // log(1 + e^z) - t z, computed stably
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t[i] * z;
    }
    for (int a = 1; a < w.length; a++) {
      s += 0.5 * l2 * x.length * w[a] * w[a];
    }
    return s;
  }

  public double predict(double[] x) {
    return sigmoid(dot(weights, x));
  }

  public int inputs() {
    return weights.length - 1;
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  static double dot(double[] w, double[] x) {
    double s = w[0];
    for (int i = 0; i < x.length; i++) {
      s += w[i + 1] * x[i];
    }
    return s;
  }

  public static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** log(p / (1 - p)), with p clamped away from 0 and 1. */
  public static double logit(double p) {
    double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
    return Math.log(q / (1 - q));
  }
}
