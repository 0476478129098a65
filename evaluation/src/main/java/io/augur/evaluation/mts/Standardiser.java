package io.augur.evaluation.mts;

/** Per-metric mean and standard deviation (population), the deviation floored. */
final class Standardiser {
  private final double[] mean;
  private final double[] std;

  private Standardiser(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  static Standardiser fit(double[][] rows, double stdFloor) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    if (!(stdFloor > 0.0)) {
      throw new IllegalArgumentException("stdFloor must be > 0, got " + stdFloor);
    }
    int d = rows[0].length;
    double[] mean = new double[d];
    double[] m2 = new double[d];
    long n = 0;
    for (double[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException(
            "every row must have " + d + " metrics, got " + row.length);
      }
      n++;
      for (int j = 0; j < d; j++) {
        double delta = row[j] - mean[j];
        mean[j] += delta / n;
        m2[j] += delta * (row[j] - mean[j]);
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = Math.max(stdFloor, Math.sqrt(m2[j] / n));
    }
    return new Standardiser(mean, std);
  }

  int metrics() {
    return mean.length;
  }

  double z(int metric, double value) {
    return (value - mean[metric]) / std[metric];
  }

  double std(int metric) {
    return std[metric];
  }
}
