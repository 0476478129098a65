package io.augur.models;

import io.augur.domain.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a model's raw score to a probability, fitted on held-out data.
 *
 * <ul>
 *   <li>{@code platt}: {@code sigmoid(intercept + slope * raw)}; smooth and monotone, good with few
 *       positives.
 *   <li>{@code isotonic}: a non-decreasing step function (pool-adjacent-violators), interpolated
 *       linearly between step centres; each step's rate carries half a pseudo-count of either
 *       outcome, so no step says exactly 0 or 1. Fits any monotone shape; needs more data.
 *   <li>{@code identity}: the raw score clamped to [0, 1]; what an uncalibrated model uses.
 * </ul>
 */
public record Calibration(String method, double intercept, double slope, double[] xs, double[] ys) {

  public Calibration {
    Checks.nonBlank("method", method);
    if (!List.of("platt", "isotonic", "identity").contains(method)) {
      throw new IllegalArgumentException(
          "method must be platt, isotonic or identity, got \"" + method + "\"");
    }
    Checks.finite("intercept", intercept);
    Checks.finite("slope", slope);
    xs = xs == null ? new double[0] : xs.clone();
    ys = ys == null ? new double[0] : ys.clone();
    if (xs.length != ys.length || (method.equals("isotonic") && xs.length == 0)) {
      throw new IllegalArgumentException(
          "isotonic calibration needs equally many xs and ys, got "
              + xs.length
              + " and "
              + ys.length);
    }
  }

  public static Calibration identity() {
    return new Calibration("identity", 0, 1, null, null);
  }

  public static Calibration platt(double[] raw, boolean[] failing) {
    double[][] x = new double[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      x[i] = new double[] {raw[i]};
    }
    double[] w = LogisticRegression.fit(x, failing, 1e-6).weights();
    return new Calibration("platt", w[0], w[1], null, null);
  }

  public static Calibration isotonic(double[] raw, boolean[] failing) {
    Checks.nonNull("raw", raw);
    if (raw.length != failing.length || raw.length == 0) {
      throw new IllegalArgumentException("raw and failing must be non-empty and of equal length");
    }
    Integer[] order = new Integer[raw.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));
    List<double[]> blocks = new ArrayList<>(); // {sumX, sumY, count}
    for (int idx : order) {
      blocks.add(new double[] {raw[idx], failing[idx] ? 1 : 0, 1});
      while (blocks.size() > 1) {
        double[] last = blocks.get(blocks.size() - 1);
        double[] prev = blocks.get(blocks.size() - 2);
        if (prev[1] / prev[2] < last[1] / last[2]) {
          break;
        }
        prev[0] += last[0];
        prev[1] += last[1];
        prev[2] += last[2];
        blocks.remove(blocks.size() - 1);
      }
    }
    double[] xs = new double[blocks.size()];
    double[] ys = new double[blocks.size()];
    for (int i = 0; i < xs.length; i++) {
      double[] b = blocks.get(i);
      xs[i] = b[0] / b[2];
      // half a pseudo-count each way: a block of 40 normal windows says "about 1 %", not "never"
      ys[i] = Math.max(i > 0 ? ys[i - 1] : 0, (b[1] + 0.5) / (b[2] + 1));
    }
    return new Calibration("isotonic", 0, 1, xs, ys);
  }

  public double apply(double raw) {
    double p =
        switch (method) {
          case "platt" -> LogisticRegression.sigmoid(intercept + slope * raw);
          case "isotonic" -> interpolate(raw);
          default -> raw;
        };
    return Math.max(0.0, Math.min(1.0, Double.isNaN(p) ? 0.0 : p));
  }

  private double interpolate(double raw) {
    if (raw <= xs[0]) {
      return ys[0];
    }
    int n = xs.length;
    if (raw >= xs[n - 1]) {
      return ys[n - 1];
    }
    int i = Arrays.binarySearch(xs, raw);
    if (i >= 0) {
      return ys[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double f = (raw - xs[lo]) / (xs[hi] - xs[lo]);
    return ys[lo] + f * (ys[hi] - ys[lo]);
  }

  @Override
  public double[] xs() {
    return xs.clone();
  }

  @Override
  public double[] ys() {
    return ys.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c
        && method.equals(c.method)
        && intercept == c.intercept
        && slope == c.slope
        && Arrays.equals(xs, c.xs)
        && Arrays.equals(ys, c.ys);
  }

  @Override
  public int hashCode() {
    return method.hashCode() * 31 + Double.hashCode(intercept) * 17 + Double.hashCode(slope);
  }

  @Override
  public String toString() {
    return "Calibration["
        + method
        + (method.equals("platt")
            ? " " + intercept + " + " + slope + "x"
            : " " + xs.length + " steps")
        + "]";
  }
}
