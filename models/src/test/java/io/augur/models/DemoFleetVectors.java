package io.augur.models;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetMetric;
import io.augur.fleet.InjectedFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simple per-component vectors built from the demo fleet, test-side (the real feature layer is
 * another module's): per metric its value (a counter: its rate over 5 min) and that value's change
 * over 5 min; then windows of 8 such vectors every minute, labelled from the fleet's failures.
 */
public final class DemoFleetVectors {

  public static final int LOOKBACK = 20; // 5 min of 15 s steps
  public static final int STEPS = 8;
  public static final FeatureSchema SCHEMA = schema();

  private DemoFleetVectors() {}

  private static FeatureSchema schema() {
    List<String> names = new ArrayList<>();
    for (FleetMetric m : FleetMetric.values()) {
      names.add(m.metricName() + (m.counter() ? ":rate5m" : ""));
    }
    for (FleetMetric m : FleetMetric.values()) {
      names.add(m.metricName() + (m.counter() ? ":rate5m" : "") + ":d5m");
    }
    return new FeatureSchema("demo-simple", 1, names);
  }

  /** Per component, its vectors in time order (steps where it and its 5-min-ago self were up). */
  public static Map<String, List<FeatureVector>> vectors(DemoFleet fleet) {
    int n = FleetMetric.values().length;
    Map<String, double[][]> raw = new HashMap<>();
    Map<String, Map<String, String>> labels = new HashMap<>();
    int steps = (int) fleet.steps();
    for (int k = 0; k < steps; k++) {
      for (MetricSample s : fleet.step(k)) {
        String c = s.labels().get("job") + "/" + s.labels().get("instance");
        labels.putIfAbsent(c, s.labels());
        double[][] a =
            raw.computeIfAbsent(
                c,
                x -> {
                  double[][] arr = new double[steps][n];
                  for (double[] r : arr) {
                    java.util.Arrays.fill(r, Double.NaN);
                  }
                  return arr;
                });
        a[k][metricIndex(s.metric())] = s.value();
      }
    }
    Map<String, List<FeatureVector>> out = new HashMap<>();
    raw.forEach(
        (c, a) -> {
          List<FeatureVector> vs = new ArrayList<>();
          double[][] value = new double[steps][];
          for (int k = LOOKBACK; k < steps; k++) {
            value[k] = values(a, k);
          }
          for (int k = 2 * LOOKBACK; k < steps; k++) {
            if (value[k] == null || value[k - LOOKBACK] == null) {
              continue;
            }
            double[] v = new double[2 * n];
            for (int j = 0; j < n; j++) {
              v[j] = value[k][j];
              v[n + j] = value[k][j] - value[k - LOOKBACK][j];
            }
            vs.add(new FeatureVector(c, labels.get(c), fleet.timeOf(k), SCHEMA, v));
          }
          out.put(c, vs);
        });
    return out;
  }

  private static double[] values(double[][] a, int k) {
    int n = a[k].length;
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      if (Double.isNaN(a[k][j]) || Double.isNaN(a[k - LOOKBACK][j])) {
        return null;
      }
      FleetMetric m = FleetMetric.values()[j];
      if (m.counter()) {
        double inc = a[k][j] - a[k - LOOKBACK][j];
        v[j] = (inc >= 0 ? inc : a[k][j]) / (LOOKBACK * 15.0); // a reset: count since restart
      } else {
        v[j] = a[k][j];
      }
    }
    return v;
  }

  private static int metricIndex(String name) {
    for (FleetMetric m : FleetMetric.values()) {
      if (m.metricName().equals(name)) {
        return m.ordinal();
      }
    }
    throw new IllegalArgumentException("unknown metric " + name);
  }

  /**
   * Windows every 4 steps. Failing: the window ends in the second half of a failure's warning
   * window (its first half is barely visible in the metrics). Normal: the component has no incident
   * within 5 min of the window. The rest (early warning, restart) is left out.
   */
  public static List<LabelledWindow> labelled(
      DemoFleet fleet, Map<String, List<FeatureVector>> vectors) {
    List<LabelledWindow> out = new ArrayList<>();
    vectors.forEach(
        (c, vs) -> {
          for (int end = STEPS - 1; end < vs.size(); end += 4) {
            ComponentWindow w = ComponentWindow.of(vs.subList(end - STEPS + 1, end + 1));
            long t = w.timestampMs();
            InjectedFailure f = incident(fleet, c, t);
            if (f == null) {
              out.add(LabelledWindow.normal(w));
            } else if (t >= f.onsetMs() + (f.failureMs() - f.onsetMs()) / 2 && t <= f.failureMs()) {
              out.add(LabelledWindow.failing(w, f.mode(), f.failureMs()));
            }
          }
        });
    return out;
  }

  /** The failure whose incident (with 5 min either side) holds {@code t}, or null. */
  public static InjectedFailure incident(DemoFleet fleet, String component, long t) {
    for (InjectedFailure f : fleet.failures()) {
      if (f.component().equals(component)
          && t >= f.onsetMs() - 300_000
          && t <= f.recoveredMs() + 600_000) {
        return f;
      }
    }
    return null;
  }

  /** Windows of every component every 4 steps (for scoring a fleet as the job would). */
  public static List<ComponentWindow> windows(Map<String, List<FeatureVector>> vectors) {
    List<ComponentWindow> out = new ArrayList<>();
    vectors.forEach(
        (c, vs) -> {
          for (int end = STEPS - 1; end < vs.size(); end += 4) {
            out.add(ComponentWindow.of(vs.subList(end - STEPS + 1, end + 1)));
          }
        });
    return out;
  }
}
