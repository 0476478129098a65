package io.augur.models;

import io.augur.domain.Checks;
import java.util.Arrays;

/** Per-column mean and standard deviation learned from normal data; a zero spread counts as 1. */
public record Standardizer(double[] mean, double[] std) {

  public Standardizer {
    Checks.nonNull("mean", mean);
    Checks.nonNull("std", std);
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean and std must be of equal length, got " + mean.length + " and " + std.length);
    }
    mean = mean.clone();
    std = std.clone();
    for (int i = 0; i < std.length; i++) {
      Checks.finite("mean[" + i + "]", mean[i]);
      if (!(std[i] > 0) || Double.isInfinite(std[i])) {
        throw new IllegalArgumentException(
            "std[" + i + "] must be a finite number > 0, got " + std[i]);
      }
    }
  }

  public static Standardizer fit(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    int k = rows[0].length;
    double[] mean = new double[k];
    double[] std = new double[k];
    for (double[] r : rows) {
      for (int j = 0; j < k; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < k; j++) {
      mean[j] /= rows.length;
    }
    for (double[] r : rows) {
      for (int j = 0; j < k; j++) {
        std[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
    }
    for (int j = 0; j < k; j++) {
      double s = Math.sqrt(std[j] / Math.max(1, rows.length - 1));
      std[j] = s > 1e-12 * Math.max(1, Math.abs(mean[j])) ? s : 1.0;
    }
    return new Standardizer(mean, std);
  }

  public int size() {
    return mean.length;
  }

  public double z(int j, double v) {
    return (v - mean[j]) / std[j];
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Standardizer[" + mean.length + " columns]";
  }
}
