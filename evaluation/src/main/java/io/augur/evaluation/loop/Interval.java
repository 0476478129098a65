package io.augur.evaluation.loop;

import java.util.Arrays;
import java.util.Locale;

/**
 * A mean over seeds with its two-sided 95 % confidence interval, Student's t with n - 1 degrees of
 * freedom: {@code mean +- t(0.975, n-1) * sd / sqrt(n)}, sd the sample standard deviation. NaN
 * figures (a seed where the quantity does not exist, e.g. no incident detected) are left out; n
 * counts the rest. With one value the interval is that value, unbounded ({@code -inf, +inf}).
 */
public record Interval(double mean, double low, double high, int n) {
  private static final double[] T975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /** t(0.975, df), tabulated to df 30, then 2.021 (40), 2.000 (60), 1.980 (120), 1.960. */
  public static double t975(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
    }
    if (df <= 30) {
      return T975[df - 1];
    }
    return df <= 40 ? 2.021 : df <= 60 ? 2.000 : df <= 120 ? 1.980 : 1.960;
  }

  public static Interval of(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (v.length == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double mean = Arrays.stream(v).average().orElseThrow();
    if (v.length == 1) {
      return new Interval(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double half = t975(v.length - 1) * Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    return new Interval(mean, mean - half, mean + half, v.length);
  }

  /** Whether the two intervals share any value. */
  public boolean overlaps(Interval o) {
    return !(high < o.low || o.high < low);
  }

  public boolean excludesZero() {
    return low > 0 || high < 0;
  }

  /** {@code 0.123 [0.101, 0.145]} with the given decimals. */
  public String format(int decimals) {
    if (n == 0) {
      return "n/a";
    }
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", mean, low, high);
  }
}
