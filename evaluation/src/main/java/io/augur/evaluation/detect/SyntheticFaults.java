package io.augur.evaluation.detect;

import java.util.SplittableRandom;

/**
 * Injects synthetic faults into a copy of a normal univariate history, reproducibly by seed: spike,
 * level shift, trend, variance change, flat line and dropout, sized in standard deviations of the
 * history before the onset. Used to give a detector positive examples without looking at any
 * labels.
 */
public final class SyntheticFaults {

  /** The fault shapes, each applied from its onset to the end of the copy. */
  public enum Kind {
    SPIKE,
    LEVEL_SHIFT,
    TREND,
    VARIANCE_CHANGE,
    FLAT_LINE,
    DROPOUT
  }

  private final SplittableRandom random;

  public SyntheticFaults(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A copy of {@code normal} with a fault of {@code kind} from {@code onset} on. */
  public double[] inject(double[] normal, Kind kind, int onset) {
    if (onset < 2 || onset >= normal.length) {
      throw new IllegalArgumentException(
          "onset must be within [2, " + normal.length + "), got " + onset);
    }
    double[] v = normal.clone();
    double mean = 0;
    for (int i = 0; i < onset; i++) {
      mean += v[i];
    }
    mean /= onset;
    double var = 0;
    for (int i = 0; i < onset; i++) {
      var += (v[i] - mean) * (v[i] - mean);
    }
    double sd = Math.max(Math.sqrt(var / onset), 1e-6 * Math.max(1.0, Math.abs(mean)));
    double sign = random.nextBoolean() ? 1 : -1;
    double shift = 3 + 3 * random.nextDouble();
    double slope = 0.05 + 0.25 * random.nextDouble();
    double amp = 3 + 3 * random.nextDouble();
    double frozen = v[onset - 1];
    for (int i = onset; i < v.length; i++) {
      switch (kind) {
        case SPIKE -> {
          if (i == onset || random.nextDouble() < 0.1) {
            v[i] += sign * (4 + 4 * random.nextDouble()) * sd;
          }
        }
        case LEVEL_SHIFT -> v[i] += sign * shift * sd;
        case TREND -> v[i] += sign * slope * sd * (i - onset + 1);
        case VARIANCE_CHANGE -> v[i] = mean + (v[i] - mean) * amp;
        case FLAT_LINE -> v[i] = frozen;
        case DROPOUT -> v[i] = 0.0;
      }
    }
    return v;
  }

  /** A random onset within {@code [from, to)}. */
  public int onset(int from, int to) {
    return from + random.nextInt(Math.max(1, to - from));
  }
}
