package io.augur.evaluation.mts;

/**
 * Per-row features over a short trailing window of standardised rows, for each metric: the level
 * (the row's z-score), the deviation from the mean of the previous {@code window} rows, and the
 * least-squares slope over the last {@code window} rows including this one (z units per row). Rows
 * before a full window use what they have. Stateful: one instance per pass over a series.
 */
final class TrailingFeatures {
  static final int PER_METRIC = 3;

  private final Standardiser standardiser;
  private final int window;
  private final double[][] ring;
  private int seen;

  TrailingFeatures(Standardiser standardiser, int window) {
    if (window < 2) {
      throw new IllegalArgumentException("window must be >= 2, got " + window);
    }
    this.standardiser = standardiser;
    this.window = window;
    this.ring = new double[window][standardiser.metrics()];
  }

  int width() {
    return standardiser.metrics() * PER_METRIC;
  }

  double[] next(double[] row) {
    int d = standardiser.metrics();
    if (row.length != d) {
      throw new IllegalArgumentException("row must have " + d + " metrics, got " + row.length);
    }
    double[] z = ring[seen % window];
    for (int j = 0; j < d; j++) {
      z[j] = standardiser.z(j, row[j]);
    }
    seen++;
    int n = Math.min(seen, window);
    double[] features = new double[d * PER_METRIC];
    double meanT = (n - 1) / 2.0;
    double varT = 0.0;
    for (int t = 0; t < n; t++) {
      varT += (t - meanT) * (t - meanT);
    }
    for (int j = 0; j < d; j++) {
      double sumPrev = 0.0;
      double sumAll = 0.0;
      double cov = 0.0;
      for (int t = 0; t < n; t++) {
        double v = ring[(seen - n + t) % window][j];
        sumAll += v;
        if (t < n - 1) {
          sumPrev += v;
        }
      }
      double meanAll = sumAll / n;
      for (int t = 0; t < n; t++) {
        cov += (t - meanT) * (ring[(seen - n + t) % window][j] - meanAll);
      }
      double level = z[j];
      features[j * PER_METRIC] = level;
      features[j * PER_METRIC + 1] = n > 1 ? level - sumPrev / (n - 1) : 0.0;
      features[j * PER_METRIC + 2] = varT > 0 ? cov / varT : 0.0;
    }
    return features;
  }
}
