package io.augur.features;

/** Prometheus' {@code rate()} (its {@code extrapolatedRate} for counters) over primitive arrays. */
final class PromRate {
  private PromRate() {}

  /**
   * The per-second rate of a counter from {@code n >= 2} samples {@code v} at times {@code t} (ms,
   * ascending) within the range {@code (startMs, endMs]}: the reset-corrected increase,
   * extrapolated towards the range edges as Prometheus does, divided by the range in seconds.
   */
  static double rate(double[] v, long[] t, int n, long startMs, long endMs) {
    double increase = 0;
    for (int i = 1; i < n; i++) {
      increase += SeriesWindow.increase(v[i - 1], v[i]);
    }
    double sampled = (t[n - 1] - t[0]) / 1000.0;
    if (sampled <= 0) {
      return 0;
    }
    double toStart = (t[0] - startMs) / 1000.0;
    double toEnd = (endMs - t[n - 1]) / 1000.0;
    double avg = sampled / (n - 1);
    if (increase > 0 && v[0] >= 0) {
      double toZero = sampled * (v[0] / increase);
      if (toZero < toStart) {
        toStart = toZero;
      }
    }
    double threshold = avg * 1.1;
    double interval = sampled;
    interval += toStart < threshold ? toStart : avg / 2;
    interval += toEnd < threshold ? toEnd : avg / 2;
    return increase * (interval / sampled) / ((endMs - startMs) / 1000.0);
  }
}
