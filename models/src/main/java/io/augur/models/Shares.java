package io.augur.models;

/**
 * Turns per-column evidence into per-feature contributions that sum to a probability: each
 * feature's share of the total evidence times the probability. The adapters use it with squared
 * z-scores (how far from normal) optionally weighted by how much the model relies on a column.
 */
public final class Shares {

  private Shares() {}

  /** Squared z-score of each summary column, times {@code weights[c]} (or 1 when null), folded to d features. */
  public static double[] ofRow(double[] row, Standardizer s, double[] weights, int d, double probability) {
    double[] evidence = new double[row.length];
    for (int c = 0; c < row.length; c++) {
      double z = s.z(c, row[c]);
      evidence[c] = Math.min(z * z, 1e6) * (weights == null ? 1.0 : weights[c]);
    }
    return scale(WindowSummary.foldToFeatures(evidence, d), probability);
  }

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
