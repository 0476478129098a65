package io.augur.models;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The row the forests read for a window: per schema feature, its latest value, its change over the
 * window (latest minus oldest) and its standard deviation over the window, in that order (3 x d
 * columns). Trends show in the change, spikes, dropouts and variance changes in the spread, and a
 * flat line in a spread of zero.
 */
public final class WindowSummary {

  private WindowSummary() {}

  public static int width(FeatureSchema schema) {
    return 3 * schema.size();
  }

  public static List<String> columnNames(FeatureSchema schema) {
    List<String> names = new ArrayList<>(width(schema));
    for (String f : schema.features()) {
      names.add(f);
    }
    for (String f : schema.features()) {
      names.add(f + ":delta");
    }
    for (String f : schema.features()) {
      names.add(f + ":std");
    }
    return names;
  }

  /** The summary row of {@code w} over its last {@code steps} vectors. */
  public static double[] row(ComponentWindow w, int steps) {
    List<FeatureVector> recent = w.recent();
    int n = recent.size();
    int from = Math.max(0, n - steps);
    int d = w.schema().size();
    double[] out = new double[3 * d];
    FeatureVector last = recent.get(n - 1);
    FeatureVector first = recent.get(from);
    int count = n - from;
    double[] sum = new double[d];
    double[] sq = new double[d];
    for (int i = from; i < n; i++) { // vector by vector: each vector's values are read in order
      FeatureVector v = recent.get(i);
      for (int j = 0; j < d; j++) {
        double x = v.valueAt(j);
        sum[j] += x;
        sq[j] += x * x;
      }
    }
    for (int j = 0; j < d; j++) {
      double mean = sum[j] / count;
      out[j] = last.valueAt(j);
      out[d + j] = last.valueAt(j) - first.valueAt(j);
      out[2 * d + j] = Math.sqrt(Math.max(0, sq[j] / count - mean * mean));
    }
    return out;
  }

  public static double[][] rows(List<ComponentWindow> windows, int steps) {
    double[][] rows = new double[windows.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(windows.get(i), steps);
    }
    return rows;
  }
}
