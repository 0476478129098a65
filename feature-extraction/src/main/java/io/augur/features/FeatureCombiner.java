package io.augur.features;

/**
 * How several series of one metric within a component (e.g. one per CPU or per HTTP path) combine
 * into that metric's features, feature by feature.
 *
 * <ul>
 *   <li>Gauges: the worst series wins, {@code max} of every feature, except {@code missing_ratio}
 *       and {@code staleness_s} which take the {@code min} (the metric is as present as its best
 *       series).
 *   <li>Counters: rates add up, so the level-like features ({@code last, mean, min, max, slope,
 *       ewma_*, p50/p90/p99, holt_residual, rate}) are summed; {@code std} is {@code sqrt(sum
 *       std^2)} (independent series); {@code zscore} and {@code pct_change} keep the value of
 *       largest magnitude; {@code missing_ratio}, {@code staleness_s} the {@code min}. Sums of
 *       quantiles and minima are approximations, stated as such.
 * </ul>
 */
final class FeatureCombiner {
  private FeatureCombiner() {}

  /** Combines {@code next[0..n)} into {@code acc[off..off+n)}. */
  static void combine(boolean counter, double[] acc, int off, double[] next, int n) {
    for (int f = 0; f < n; f++) {
      double a = acc[off + f];
      double b = next[f];
      SeriesFeature feature = SeriesFeature.values()[f];
      double r;
      if (feature == SeriesFeature.MISSING_RATIO || feature == SeriesFeature.STALENESS) {
        r = Math.min(a, b);
      } else if (!counter) {
        r = Math.max(a, b);
      } else if (feature == SeriesFeature.STD) {
        r = Math.sqrt(a * a + b * b);
      } else if (feature == SeriesFeature.ZSCORE || feature == SeriesFeature.PCT_CHANGE) {
        r = Math.abs(b) > Math.abs(a) ? b : a;
      } else {
        r = a + b;
      }
      acc[off + f] = r;
    }
  }
}
