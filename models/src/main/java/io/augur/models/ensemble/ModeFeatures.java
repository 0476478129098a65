package io.augur.models.ensemble;

import io.augur.domain.FeatureSchema;
import io.augur.models.Standardizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which metrics deviate, and which way: the compact profile the failure-mode classifier and the
 * time-to-failure regression read. Features group by metric (the name before the first {@code :}; a
 * name without one is its own group). For each group and each part of the window summary (latest
 * value, change over the window, spread), the largest upward and the largest downward deviation
 * from normal, in standard deviations clipped to 20 and compressed by {@code log(1 + z)}: 6 values
 * per group. Many features of one metric (mean, p50, ewma...) move together; taking their maximum
 * keeps one vote per metric and direction, so a metric with many features does not drown the rest.
 */
final class ModeFeatures {

  static final double CLIP = 20;

  private ModeFeatures() {}

  /**
   * Per schema feature, the index of its metric group (groups numbered in order of first
   * appearance).
   */
  static int[] groups(FeatureSchema schema) {
    List<String> names = new ArrayList<>();
    int[] g = new int[schema.size()];
    for (int j = 0; j < g.length; j++) {
      String f = schema.features().get(j);
      int colon = f.indexOf(':');
      String metric = colon > 0 ? f.substring(0, colon) : f;
      int idx = names.indexOf(metric);
      if (idx < 0) {
        idx = names.size();
        names.add(metric);
      }
      g[j] = idx;
    }
    return g;
  }

  static int width(int[] groups) {
    int n = 0;
    for (int g : groups) {
      n = Math.max(n, g + 1);
    }
    return 6 * n;
  }

  /** The profile of one window summary row (3 x d columns: latest, change, spread). */
  static double[] of(double[] row, Standardizer normal, int[] groups) {
    int d = groups.length;
    double[] out = new double[width(groups)];
    for (int c = 0; c < row.length; c++) {
      int j = c % d;
      int part = c / d;
      double z = Math.max(-CLIP, Math.min(CLIP, normal.z(c, row[c])));
      int base = 6 * groups[j] + 2 * part;
      double v = Math.log1p(Math.abs(z));
      int slot = base + (z >= 0 ? 0 : 1);
      out[slot] = Math.max(out[slot], v);
    }
    return out;
  }

  /** The largest entry: how far from normal the window is at all. */
  static double strength(double[] profile) {
    double m = 0;
    for (double v : profile) {
      m = Math.max(m, v);
    }
    return m;
  }
}
