package io.augur.features;

/**
 * Reusable working arrays for computing one series' window features, so the hot path allocates
 * nothing. One per thread (an extractor owns one); sized for the largest window.
 */
public final class WindowScratch {
  final double[] rawV;
  final long[] rawT;
  final double[] v;
  final long[] t;
  final double[] sorted;
  final double[] seriesBuf = new double[SeriesFeature.values().length];

  public WindowScratch(int windowPoints) {
    if (windowPoints < 1) {
      throw new IllegalArgumentException("windowPoints must be >= 1, got " + windowPoints);
    }
    rawV = new double[windowPoints];
    rawT = new long[windowPoints];
    v = new double[windowPoints];
    t = new long[windowPoints];
    sorted = new double[windowPoints];
  }
}
