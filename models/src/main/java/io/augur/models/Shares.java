package io.augur.models;

/**
 * Turns per-feature evidence into contributions that sum to a probability: each feature's share of
 * the total evidence times the probability. The adapters feed it squared z-scores or residuals.
 */
public final class Shares {

  private Shares() {}

  /**
   * Each entry's share of the total evidence, times {@code probability} (all zeros when there is
   * none).
   */
  public static double[] scale(double[] evidence, double probability) {
    double total = 0;
    for (double e : evidence) {
      total += e;
    }
    double[] out = new double[evidence.length];
    if (total <= 0 || !Double.isFinite(total)) {
      return out;
    }
    for (int j = 0; j < out.length; j++) {
      out[j] = probability * evidence[j] / total;
    }
    return out;
  }
}
