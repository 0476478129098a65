package io.augur.models.inject;

import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injects synthetic faults into a component's normal history and cuts the result into labelled
 * windows. Magnitudes are relative to each feature's spread before the onset, so the same injector
 * works on any schema. The same seed gives the same faults.
 */
public final class FaultInjector {

  private final SplittableRandom random;

  public FaultInjector(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A number in [0, bound) from this injector's seeded stream (for callers that pick onsets). */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * Injects a fault of a random kind on 1-3 random features, with onset in the middle half of the
   * series.
   */
  public Injection injectRandom(List<FeatureVector> history) {
    FaultKind kind = FaultKind.values()[random.nextInt(FaultKind.values().length)];
    int n = history.size();
    return inject(history, kind, n / 4 + random.nextInt(Math.max(1, n / 2)));
  }

  /** Injects {@code kind} on 1-3 random features from {@code onsetIndex} on. */
  public Injection inject(List<FeatureVector> history, FaultKind kind, int onsetIndex) {
    if (history == null || history.size() < 4) {
      throw new IllegalArgumentException(
          "history must hold at least 4 vectors, got " + (history == null ? null : history.size()));
    }
    if (onsetIndex < 2 || onsetIndex >= history.size()) {
      throw new IllegalArgumentException(
          "onsetIndex must be within [2, " + history.size() + "), got " + onsetIndex);
    }
    int d = history.get(0).schema().size();
    int count = 1 + random.nextInt(Math.min(3, d));
    List<Integer> features = new ArrayList<>();
    while (features.size() < count) {
      int j = random.nextInt(d);
      if (!features.contains(j)) {
        features.add(j);
      }
    }
    double[][] values = new double[history.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = history.get(i).values();
    }
    for (int j : features) {
      apply(values, j, kind, onsetIndex);
    }
    List<FeatureVector> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      FeatureVector v = history.get(i);
      out.add(
          i < onsetIndex
              ? v
              : new FeatureVector(
                  v.component(), v.componentLabels(), v.timestampMs(), v.schema(), values[i]));
    }
    return new Injection(out, kind, onsetIndex, features);
  }

  private void apply(double[][] v, int j, FaultKind kind, int onset) {
    double mean = 0;
    for (int i = 0; i < onset; i++) {
      mean += v[i][j];
    }
    mean /= onset;
    double var = 0;
    for (int i = 0; i < onset; i++) {
      var += (v[i][j] - mean) * (v[i][j] - mean);
    }
    double sd =
        Math.max(Math.sqrt(var / Math.max(1, onset - 1)), 1e-6 * Math.max(1, Math.abs(mean)));
    double sign = random.nextBoolean() ? 1 : -1;
    double shift = 4 + 2 * random.nextDouble();
    double slope = 0.3 + 0.3 * random.nextDouble();
    double amp = 4 + 2 * random.nextDouble();
    double frozen = v[onset][j];
    for (int i = onset; i < v.length; i++) {
      switch (kind) {
        case SPIKE -> {
          if (i == onset || random.nextDouble() < 0.35) {
            v[i][j] += sign * (5 + 3 * random.nextDouble()) * sd;
          }
        }
        case LEVEL_SHIFT -> v[i][j] += sign * shift * sd;
        case TREND -> v[i][j] += sign * slope * sd * (i - onset + 1);
        case VARIANCE_CHANGE ->
            v[i][j] = mean + (v[i][j] - mean) * amp + sign * (i == onset ? 3 * sd : 0);
        case FLAT_LINE -> v[i][j] = frozen;
        case DROPOUT -> v[i][j] = 0.0;
      }
    }
  }

  /**
   * Cuts an injected series into windows of {@code steps} vectors every {@code stride} steps: a
   * window ending before the onset is normal; one holding at least {@code minVisible} faulty steps
   * is failing within the horizon, its failure placed {@code horizonSteps} after the onset. Windows
   * in between (the fault barely begun) are left out: no model can tell them apart yet.
   */
  public static List<LabelledWindow> labelledWindows(
      Injection inj, int steps, int stride, int horizonSteps, int minVisible) {
    if (minVisible < 1 || minVisible > steps) {
      throw new IllegalArgumentException(
          "minVisible must be within [1, steps=" + steps + "], got " + minVisible);
    }
    List<FeatureVector> v = inj.vectors();
    List<LabelledWindow> out = new ArrayList<>();
    long failureMs = v.get(Math.min(v.size() - 1, inj.onsetIndex() + horizonSteps)).timestampMs();
    for (int end = steps - 1; end < v.size(); end += stride) {
      ComponentWindow w = ComponentWindow.of(v.subList(end - steps + 1, end + 1));
      if (end < inj.onsetIndex()) {
        out.add(LabelledWindow.normal(w));
      } else if (end >= inj.onsetIndex() + minVisible - 1
          && end <= inj.onsetIndex() + horizonSteps) {
        out.add(LabelledWindow.failing(w, null, failureMs));
      }
    }
    return out;
  }

  /** Windows of {@code steps} vectors every {@code stride} steps over a normal series. */
  public static List<ComponentWindow> windows(List<FeatureVector> series, int steps, int stride) {
    List<ComponentWindow> out = new ArrayList<>();
    for (int end = steps - 1; end < series.size(); end += stride) {
      out.add(ComponentWindow.of(series.subList(end - steps + 1, end + 1)));
    }
    return out;
  }
}
