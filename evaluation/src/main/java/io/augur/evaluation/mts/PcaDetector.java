package io.augur.evaluation.mts;

import smile.feature.extraction.PCA;
import smile.math.matrix.Matrix;

/**
 * PCA reconstruction error, the baseline of the "Quo Vadis" study (ICML 2024): each metric
 * standardised with the train mean and deviation (floored at {@link ZScoreDetector#STD_FLOOR}),
 * Smile's {@link PCA} fitted on the standardised train rows, and each row scored by the squared
 * distance between it and its projection back from the first {@code k} components. {@code k} is the
 * smallest number explaining {@value #DEFAULT_EXPLAINED_VARIANCE} of the train variance, a rule
 * fixed before any test row or label was seen (never tuned). Stateless across rows.
 */
public final class PcaDetector implements MultivariateDetector {
  /** Share of the standardised train variance the kept components explain. */
  public static final double DEFAULT_EXPLAINED_VARIANCE = 0.95;

  private final double explainedVariance;

  public PcaDetector(double explainedVariance) {
    if (!(explainedVariance > 0.0 && explainedVariance < 1.0)) {
      throw new IllegalArgumentException(
          "explainedVariance must be within (0, 1), got " + explainedVariance);
    }
    this.explainedVariance = explainedVariance;
  }

  public PcaDetector() {
    this(DEFAULT_EXPLAINED_VARIANCE);
  }

  @Override
  public String name() {
    return "pca";
  }

  @Override
  public Fitted fit(double[][] train) {
    Standardiser s = Standardiser.fit(train, ZScoreDetector.STD_FLOOR);
    int d = s.metrics();
    double[][] z = new double[train.length][];
    for (int i = 0; i < train.length; i++) {
      z[i] = standardise(s, train[i]);
    }
    PCA pca = PCA.fit(z);
    double[] center = pca.center();
    int k = components(pca.cumulativeVarianceProportion(), explainedVariance);
    Matrix p = pca.getProjection(k).projection; // k x d, rows are the components
    double[][] components = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        components[c][j] = p.get(c, j);
      }
    }
    return new Fitted() {
      @Override
      public RowScorer newScorer() {
        return row -> residual(components, center, standardise(s, row));
      }

      @Override
      public String toString() {
        return "pca(" + k + " of " + d + " components)";
      }
    };
  }

  /**
   * The smallest number of leading components whose cumulative share of the variance reaches {@code
   * share}. Not Smile's {@code getProjection(double)}: in 3.1.1 it keeps one component fewer (the
   * index of the first component reaching the share, not the count).
   */
  static int components(double[] cumulative, double share) {
    for (int k = 0; k < cumulative.length; k++) {
      if (cumulative[k] >= share) {
        return k + 1;
      }
    }
    return cumulative.length;
  }

  /**
   * Squared norm of {@code x - center} minus its projection on the orthonormal {@code components}.
   */
  static double residual(double[][] components, double[] center, double[] x) {
    int d = x.length;
    double[] r = new double[d];
    for (int j = 0; j < d; j++) {
      r[j] = x[j] - center[j];
    }
    double[] y = new double[components.length];
    for (int c = 0; c < components.length; c++) {
      double dot = 0.0;
      for (int j = 0; j < d; j++) {
        dot += components[c][j] * r[j];
      }
      y[c] = dot;
    }
    double sum = 0.0;
    for (int j = 0; j < d; j++) {
      double back = 0.0;
      for (int c = 0; c < components.length; c++) {
        back += components[c][j] * y[c];
      }
      double e = r[j] - back;
      sum += e * e;
    }
    return sum;
  }

  static double[] standardise(Standardiser s, double[] row) {
    if (row.length != s.metrics()) {
      throw new IllegalArgumentException(
          "row must have " + s.metrics() + " metrics, got " + row.length);
    }
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = s.z(j, row[j]);
    }
    return z;
  }
}
