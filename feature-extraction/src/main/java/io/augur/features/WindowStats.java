package io.augur.features;

import java.util.Arrays;

/**
 * The window statistics of {@link SeriesFeature}, over primitive arrays; see each feature's
 * formula.
 */
final class WindowStats {
  private WindowStats() {}

  /**
   * Fills LAST, MEAN, STD, MIN, MAX, SLOPE, ZSCORE, PCT_CHANGE and the quantiles for the {@code m
   * >= 1} values {@code v} at times {@code t} (ms); times are taken relative to {@code endMs} for
   * numerical stability. {@code sorted} is scratch space of at least {@code m} entries.
   */
  static void describe(
      double[] v, long[] t, int m, long endMs, double[] sorted, double[] out, int off) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sumS = 0;
    for (int i = 0; i < m; i++) {
      double x = v[i];
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      sumS += (t[i] - endMs) / 1000.0;
    }
    double mean = sum / m;
    double sBar = sumS / m;
    double ss = 0;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < m; i++) {
      double d = v[i] - mean;
      double ds = (t[i] - endMs) / 1000.0 - sBar;
      ss += d * d;
      sxy += ds * d;
      sxx += ds * ds;
    }
    double std = Math.sqrt(ss / m);
    double last = v[m - 1];
    double first = v[0];
    out[off + SeriesFeature.LAST.ordinal()] = last;
    out[off + SeriesFeature.MEAN.ordinal()] = mean;
    out[off + SeriesFeature.STD.ordinal()] = std;
    out[off + SeriesFeature.MIN.ordinal()] = min;
    out[off + SeriesFeature.MAX.ordinal()] = max;
    out[off + SeriesFeature.SLOPE.ordinal()] = m < 2 || sxx == 0 ? 0 : sxy / sxx;
    out[off + SeriesFeature.ZSCORE.ordinal()] = std > 0 ? (last - mean) / std : 0;
    out[off + SeriesFeature.PCT_CHANGE.ordinal()] =
        first != 0 ? (last - first) / Math.abs(first) : 0;
    System.arraycopy(v, 0, sorted, 0, m);
    Arrays.sort(sorted, 0, m);
    out[off + SeriesFeature.P50.ordinal()] = quantile(sorted, m, 0.50);
    out[off + SeriesFeature.P90.ordinal()] = quantile(sorted, m, 0.90);
    out[off + SeriesFeature.P99.ordinal()] = quantile(sorted, m, 0.99);
  }

  /** Linear interpolation between closest ranks, as Prometheus' {@code quantile_over_time}. */
  static double quantile(double[] sorted, int m, double q) {
    double h = q * (m - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, m - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
