package io.augur.models;

import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A window's summary row ({@link WindowSummary}: latest, change, spread per feature) as z-scores
 * against normal windows, clipped to +-50, followed by four "anything off?" columns: the largest
 * |z| among the latest values, among the changes, among the spreads, and the mean squared z of the
 * row. A fault on one feature of many is then visible in a single column too, which both forests
 * need: a random subset of columns per split would otherwise miss it most of the time.
 */
public record SummaryScaler(Standardizer standardizer, int steps) {

  public static final int AGGREGATES = 4;

  public SummaryScaler {
    Checks.nonNull("standardizer", standardizer);
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (standardizer.size() % 3 != 0) {
      throw new IllegalArgumentException(
          "standardizer must cover 3 x d summary columns, got " + standardizer.size());
    }
  }

  public static SummaryScaler fit(List<ComponentWindow> normal, int steps) {
    return new SummaryScaler(Standardizer.fit(WindowSummary.rows(normal, steps)), steps);
  }

  public int features() {
    return standardizer.size() / 3;
  }

  public int width() {
    return standardizer.size() + AGGREGATES;
  }

  public static List<String> columnNames(FeatureSchema schema) {
    List<String> names = new ArrayList<>(WindowSummary.columnNames(schema));
    names.addAll(List.of("*:max|z|", "*:delta:max|z|", "*:std:max|z|", "*:mean z^2"));
    return names;
  }

  /** The z row of window {@code w} (3 x d + 4 columns). */
  public double[] row(ComponentWindow w) {
    return scale(WindowSummary.row(w, steps));
  }

  /** Scales a raw summary row. */
  public double[] scale(double[] raw) {
    int d = features();
    double[] z = new double[3 * d + AGGREGATES];
    double sq = 0;
    for (int block = 0, c = 0; block < 3; block++) { // latest, change, spread: no c / d per column
      double max = 0;
      for (int j = 0; j < d; j++, c++) {
        double v = Math.max(-50, Math.min(50, standardizer.z(c, raw[c])));
        z[c] = v;
        sq += v * v;
        max = Math.max(max, Math.abs(v));
      }
      z[3 * d + block] = max;
    }
    z[3 * d + 3] = sq / (3 * d);
    return z;
  }

  /** Per feature, the largest |z| of its three columns: how far off normal it is. */
  public double[] deviations(double[] zRow) {
    int d = features();
    double[] dev = new double[d];
    for (int j = 0; j < d; j++) {
      dev[j] =
          Math.max(Math.abs(zRow[j]), Math.max(Math.abs(zRow[d + j]), Math.abs(zRow[2 * d + j])));
    }
    return dev;
  }

  /**
   * Contributions: each feature's share of the row's squared z (optionally weighted per column),
   * times {@code p}.
   */
  public double[] shares(double[] zRow, double[] columnWeights, double p) {
    int d = features();
    double[] ev = new double[d];
    for (int block = 0, c = 0; block < 3; block++) { // column c is feature c % d of block c / d
      for (int j = 0; j < d; j++, c++) {
        ev[j] += zRow[c] * zRow[c] * (columnWeights == null ? 1.0 : columnWeights[c]);
      }
    }
    return Shares.scale(ev, p);
  }
}
