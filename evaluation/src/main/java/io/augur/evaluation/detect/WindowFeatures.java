package io.augur.evaluation.detect;

/**
 * Features of the latest point of a univariate series against its recent past, from a trailing
 * buffer only (no look-ahead). With a long window of L earlier points and a short window of the W
 * latest points (the current one included), each feature is scale-free, in units of the long
 * window's standard deviation s:
 *
 * <ol>
 *   <li>{@code log1p(|x - mean_L| / s)}: how far the point is from the long-run level (spikes,
 *       dropouts);
 *   <li>{@code log1p(|mean_W - mean_L| / s)}: a shifted recent level (level shifts);
 *   <li>{@code log1p(|slope_W| * W / s)}: a recent trend;
 *   <li>{@code |ln(sd_W / s)|}: changed variance, or a flat line (sd_W near 0);
 *   <li>the share of unchanged consecutive values in the short window (a stuck series).
 * </ol>
 */
public final class WindowFeatures {

  /** Number of features. */
  public static final int SIZE = 5;

  /** Names of the features, in order. */
  public static final String[] NAMES = {"level_z", "shift_z", "slope_z", "sd_ratio", "flat_share"};

  private final int longWindow;
  private final int shortWindow;
  private final double[] ring;
  private int count;
  private int next;

  /**
   * @param longWindow earlier points the long-run level and spread come from (>= 4)
   * @param shortWindow latest points the short-term features come from (>= 2, < longWindow)
   */
  public WindowFeatures(int longWindow, int shortWindow) {
    if (longWindow < 4) {
      throw new IllegalArgumentException("longWindow must be >= 4, got " + longWindow);
    }
    if (shortWindow < 2 || shortWindow >= longWindow) {
      throw new IllegalArgumentException(
          "shortWindow must be within [2, longWindow " + longWindow + "), got " + shortWindow);
    }
    this.longWindow = longWindow;
    this.shortWindow = shortWindow;
    this.ring = new double[longWindow + shortWindow];
  }

  /**
   * Window sizes scaled to a probationary period: L = clamp(P / 3, 16, 288), W = clamp(L / 12, 3,
   * 24).
   */
  public static WindowFeatures forProbation(int probationaryLength) {
    int longWindow = Math.max(16, Math.min(288, probationaryLength / 3));
    int shortWindow = Math.max(3, Math.min(24, longWindow / 12));
    return new WindowFeatures(longWindow, shortWindow);
  }

  /** Points needed before {@link #add} returns features. */
  public int warmUp() {
    return longWindow + shortWindow;
  }

  /** Adds the next point; returns its features once the buffer is full, else null. */
  public double[] add(double x) {
    ring[next] = x;
    next = (next + 1) % ring.length;
    count++;
    if (count < ring.length) {
      return null;
    }
    // oldest first: ring[next] .. ring[next - 1]
    double longSum = 0;
    for (int i = 0; i < longWindow; i++) {
      longSum += at(i);
    }
    double longMean = longSum / longWindow;
    double longSq = 0;
    for (int i = 0; i < longWindow; i++) {
      double d = at(i) - longMean;
      longSq += d * d;
    }
    double s = Math.max(Math.sqrt(longSq / longWindow), 1e-9 * Math.max(1.0, Math.abs(longMean)));
    double shortSum = 0;
    double tSum = 0;
    double tyy = 0;
    int flat = 0;
    for (int k = 0; k < shortWindow; k++) {
      double v = at(longWindow + k);
      shortSum += v;
      tSum += k;
      if (k > 0 && v == at(longWindow + k - 1)) {
        flat++;
      }
    }
    double shortMean = shortSum / shortWindow;
    double tMean = tSum / shortWindow;
    double shortSq = 0;
    double tt = 0;
    for (int k = 0; k < shortWindow; k++) {
      double v = at(longWindow + k);
      shortSq += (v - shortMean) * (v - shortMean);
      tt += (k - tMean) * (k - tMean);
      tyy += (k - tMean) * (v - shortMean);
    }
    double slope = tyy / tt;
    double shortSd = Math.sqrt(shortSq / shortWindow);
    return new double[] {
      Math.log1p(Math.abs(x - longMean) / s),
      Math.log1p(Math.abs(shortMean - longMean) / s),
      Math.log1p(Math.abs(slope) * shortWindow / s),
      Math.min(10.0, Math.abs(Math.log((shortSd + 1e-3 * s) / s))),
      flat / (double) (shortWindow - 1)
    };
  }

  private double at(int i) {
    return ring[(next + i) % ring.length];
  }
}
