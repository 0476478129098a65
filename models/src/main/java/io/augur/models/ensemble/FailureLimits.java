package io.augur.models.ensemble;

import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.Standardizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-feature failure limits and the forecast that says when a feature will cross its limit.
 *
 * <p>Learned limits: for a feature whose latest value in failing training windows sits on average
 * more than 2 normal standard deviations from normal, the limit is the 90th percentile (upwards) or
 * 10th (downwards) of those failing values: about where failures were by the time they were
 * labelled. Configured limits ({@link EnsembleConfig#limits()}) replace learned ones.
 *
 * <p>Forecast: Holt's linear trend (alpha 0.5, beta 0.3) over the window's values; the crossing
 * time is now plus the steps to the limit at the current trend times the window's step. Already
 * past the limit: now. Trend away from the limit or crossing beyond {@code 4 x horizon}: no
 * estimate.
 *
 * @param direction per feature: +1 crosses upwards, -1 downwards, 0 no limit
 */
public record FailureLimits(double[] limit, int[] direction) {

  public FailureLimits {
    Checks.nonNull("limit", limit);
    Checks.nonNull("direction", direction);
    if (limit.length != direction.length) {
      throw new IllegalArgumentException("limit and direction must be of equal length");
    }
    limit = limit.clone();
    direction = direction.clone();
  }

  public static FailureLimits learn(
      FeatureSchema schema,
      List<LabelledWindow> labelled,
      Standardizer normalLatest,
      Map<String, Double> configured) {
    int d = schema.size();
    double[] limit = new double[d];
    int[] dir = new int[d];
    List<double[]> failing = new ArrayList<>();
    for (LabelledWindow l : labelled) {
      if (l.failing()) {
        failing.add(l.window().latest().values());
      }
    }
    if (failing.size() >= 5) {
      for (int j = 0; j < d; j++) {
        double[] vals = new double[failing.size()];
        double meanZ = 0;
        for (int i = 0; i < vals.length; i++) {
          vals[i] = failing.get(i)[j];
          meanZ += normalLatest.z(j, vals[i]);
        }
        meanZ /= vals.length;
        if (Math.abs(meanZ) > 2) {
          Arrays.sort(vals);
          dir[j] = meanZ > 0 ? 1 : -1;
          limit[j] = vals[(int) Math.floor((dir[j] > 0 ? 0.9 : 0.1) * (vals.length - 1))];
        }
      }
    }
    return new FailureLimits(limit, dir).withConfigured(schema, configured);
  }

  /**
   * These limits with {@code configured} ones replacing learned ones for the features they name.
   */
  public FailureLimits withConfigured(FeatureSchema schema, Map<String, Double> configured) {
    double[] l = limit.clone();
    int[] dir = direction.clone();
    configured.forEach(
        (name, value) -> {
          boolean down = name.startsWith("-");
          int j = schema.indexOf(down ? name.substring(1) : name);
          if (j < 0) {
            throw new IllegalArgumentException(
                "limits: feature \"" + name + "\" is not in schema " + schema.name());
          }
          l[j] = value;
          dir[j] = down ? -1 : 1;
        });
    return new FailureLimits(l, dir);
  }

  /** When feature {@code j} of window {@code w} is forecast to cross its limit, or null. */
  public Long crossingMs(ComponentWindow w, int j, long maxAheadMs) {
    if (direction[j] == 0) {
      return null;
    }
    List<FeatureVector> r = w.recent();
    long now = w.timestampMs();
    double level = r.get(0).valueAt(j);
    double trend = 0;
    for (int i = 1; i < r.size(); i++) {
      double prev = level;
      level = 0.5 * r.get(i).valueAt(j) + 0.5 * (level + trend);
      trend = 0.3 * (level - prev) + 0.7 * trend;
    }
    double gap = (limit[j] - level) * direction[j];
    if (gap <= 0 || direction[j] * r.get(r.size() - 1).valueAt(j) >= direction[j] * limit[j]) {
      return now;
    }
    double toward = trend * direction[j];
    if (r.size() < 2 || toward <= 0) {
      return null;
    }
    double stepMs = (double) (now - r.get(0).timestampMs()) / (r.size() - 1);
    double ahead = gap / toward * stepMs;
    return ahead > maxAheadMs ? null : now + (long) ahead;
  }

  @Override
  public double[] limit() {
    return limit.clone();
  }

  @Override
  public int[] direction() {
    return direction.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailureLimits f
        && Arrays.equals(limit, f.limit)
        && Arrays.equals(direction, f.direction);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(limit) * 31 + Arrays.hashCode(direction);
  }

  @Override
  public String toString() {
    return "FailureLimits" + Arrays.toString(direction);
  }
}
